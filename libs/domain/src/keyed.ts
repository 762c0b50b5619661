// Records keyed by ids a client chose (invoices, messages). They have no prototype and are read
// by own key only, so `__proto__`, `constructor` or `toString` is an ordinary id. A record read
// back from JSON (a snapshot) has Object's prototype again; own-key reads keep that harmless.

export type Keyed<T> = Record<string, T>;

export const emptyKeyed = <T>(): Keyed<T> => Object.create(null) as Keyed<T>;

/** The entry stored under `key`, never an inherited property. */
export const entryOf = <T>(record: Keyed<T>, key: string): T | undefined =>
  (Object.hasOwn(record, key) ? record[key] : undefined);

/** A copy of `record` with `key` set to `value`. */
export function withEntry<T>(record: Keyed<T>, key: string, value: T): Keyed<T> {
  const copy = Object.assign(emptyKeyed<T>(), record);
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A copy of `record` without `key`, in the same key order (built anew: `delete` would slow every later copy). */
export function withoutEntry<T>(record: Keyed<T>, key: string): Keyed<T> {
  if (!Object.hasOwn(record, key)) return record;
  const copy = emptyKeyed<T>();
  for (const k of Object.keys(record)) if (k !== key) Object.defineProperty(copy, k, { value: record[k], enumerable: true, writable: true, configurable: true });
  return copy;
}
