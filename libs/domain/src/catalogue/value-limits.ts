// Limits that hold for every value of an input, declared by the catalogue or not (unknown fields
// pass through into the recorded signal): nesting depth, number of values, total text, keys and
// strings PostgreSQL can store, finite numbers. Walked without recursion, so a value nested
// thousands deep is refused, not a stack overflow.
import { isWellFormed, LIMITS } from './fields';

export interface ValueProblem { field?: string; problem: string }

const KEY_SHOWN = 60;
const segment = (key: string | number): string =>
  typeof key === 'number' ? String(key) : key.length <= KEY_SHOWN ? key : `${key.slice(0, KEY_SHOWN)}…`;

/** The first value of `raw` outside the limits, with its dotted path; null when all are inside. */
export function valueProblem(raw: unknown): ValueProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: raw, path: [] }];
  let values = 0;
  let textLength = 0;
  const at = (path: (string | number)[], problem: string): ValueProblem =>
    (path.length ? { field: path.map(segment).join('.'), problem } : { problem });
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (++values > LIMITS.values) return { problem: `holds more than ${LIMITS.values} values` };
    if (typeof value === 'string') {
      textLength += value.length;
      if (value.length > LIMITS.proseLength) return at(path, `is longer than ${LIMITS.proseLength} characters`);
      if (!isWellFormed(value)) return at(path, 'must not contain NUL or a lone surrogate');
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return at(path, 'must be a finite number');
    } else if (typeof value === 'object' && value !== null) {
      // path.length is the depth of the container's members.
      if (path.length >= LIMITS.depth) return at(path, `is nested more than ${LIMITS.depth} deep`);
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      } else {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i];
          textLength += key.length;
          if (key.length > LIMITS.labelLength) return at(path, `has a key longer than ${LIMITS.labelLength} characters`);
          if (!isWellFormed(key)) return at(path, 'has a key with NUL or a lone surrogate');
          stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
        }
      }
    }
    if (textLength > LIMITS.bytes) return { problem: `holds more than ${LIMITS.bytes} characters of text` };
  }
  return null;
}
