// JSON merge patch (RFC 7386): a partial document whose members replace the target's, objects
// merged member by member, `null` removing a member, anything else (arrays included) replacing.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The target with the patch applied (neither is changed). */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

/** The smallest merge patch that turns `from` into `to` (`{}` when they are equal). */
export function mergePatchBetween(from: unknown, to: unknown): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const a = isObject(from) ? from : {};
  const b = isObject(to) ? to : {};
  for (const key of Object.keys(a)) if (!(key in b)) patch[key] = null;
  for (const [key, value] of Object.entries(b)) {
    if (isObject(value) && isObject(a[key])) {
      const inner = mergePatchBetween(a[key], value);
      if (Object.keys(inner).length > 0) patch[key] = inner;
    } else if (JSON.stringify(value) !== JSON.stringify(a[key])) {
      patch[key] = value;
    }
  }
  return patch;
}
