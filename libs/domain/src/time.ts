// Time arithmetic on ISO strings. Every instant comes from an input; nothing here reads a clock.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const ms = (iso: string): number => Date.parse(iso);
export const iso = (millis: number): string => new Date(millis).toISOString();

/** A date (`YYYY-MM-DD`) has passed at 00:00Z the next day. */
export const datePassesAt = (date: string): number => Date.parse(`${date}T00:00:00Z`) + DAY_MS;

/** The UTC day of an instant, as `YYYY-MM-DD`. */
export const dayOf = (millis: number): string => iso(millis).slice(0, 10);

/** 00:00Z of the first day that starts at or after `millis`. */
export const nextMidnight = (millis: number): number => Math.ceil(millis / DAY_MS) * DAY_MS;

/** Later of two ISO instants compared as instants (offsets may differ). */
export const isBefore = (a: string, b: string): boolean => ms(a) < ms(b);
