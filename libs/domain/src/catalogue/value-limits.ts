// Limits that hold for every value of an input, declared by the catalogue or not (unknown fields
// pass through into the recorded signal): nesting depth, number of values, total text, keys and
// strings PostgreSQL can store, finite numbers. The walk descends only into containers within the
// depth limit, so a value nested thousands deep is refused, never a stack overflow; it keeps one
// path that grows and shrinks as it goes, and writes it out only for the value it refuses.
import { isWellFormed, LIMITS } from './fields';

export interface ValueProblem { field?: string; problem: string }

const KEY_SHOWN = 60;
const segment = (key: string | number): string =>
  typeof key === 'number' ? String(key) : key.length <= KEY_SHOWN ? key : `${key.slice(0, KEY_SHOWN)}…`;

const at = (path: readonly (string | number)[], problem: string): ValueProblem =>
  (path.length ? { field: path.map(segment).join('.'), problem } : { problem });

/** Values and characters of text seen so far, in the order the walk visits them. */
interface Tally { values: number; text: number }

/** The first value of `raw` outside the limits, with its dotted path; null when all are inside. */
export function valueProblem(raw: unknown): ValueProblem | null {
  return walk(raw, [], { values: 0, text: 0 });
}

/** Depth first, a container before its members, members in order (as the limits have always been checked). */
function walk(value: unknown, path: (string | number)[], tally: Tally): ValueProblem | null {
  if (++tally.values > LIMITS.values) return { problem: `holds more than ${LIMITS.values} values` };
  if (typeof value === 'string') {
    tally.text += value.length;
    if (value.length > LIMITS.proseLength) return at(path, `is longer than ${LIMITS.proseLength} characters`);
    if (!isWellFormed(value)) return at(path, 'must not contain NUL or a lone surrogate');
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return at(path, 'must be a finite number');
  } else if (typeof value === 'object' && value !== null) {
    // path.length is the depth of the container's members.
    if (path.length >= LIMITS.depth) return at(path, `is nested more than ${LIMITS.depth} deep`);
    if (Array.isArray(value)) {
      if (tally.text > LIMITS.bytes) return textProblem();
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const problem = walk(value[i], path, tally);
        path.pop();
        if (problem) return problem;
      }
      return null;
    }
    const keys = Object.keys(value);
    // Every key of the object is checked before any member; the last bad one is named, as before.
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      tally.text += key.length;
      if (key.length > LIMITS.labelLength) return at(path, `has a key longer than ${LIMITS.labelLength} characters`);
      if (!isWellFormed(key)) return at(path, 'has a key with NUL or a lone surrogate');
    }
    if (tally.text > LIMITS.bytes) return textProblem();
    for (const key of keys) {
      path.push(key);
      const problem = walk((value as Record<string, unknown>)[key], path, tally);
      path.pop();
      if (problem) return problem;
    }
    return null;
  }
  return tally.text > LIMITS.bytes ? textProblem() : null;
}

const textProblem = (): ValueProblem => ({ problem: `holds more than ${LIMITS.bytes} characters of text` });
