// Time arithmetic. Every instant comes from an input; nothing here reads a clock. The state keeps
// instants as epoch milliseconds; ISO strings are parsed once, where they come in.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const ZERO = 48;
const digitsAt = (s: string, from: number, count: number): number => {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
};

/** `YYYY-MM-DD` at `from` as 00:00Z that day (days past the month roll over, as Date.parse does), or NaN. */
function utcDay(s: string, from: number): number {
  if (s.charCodeAt(from + 4) !== 45 || s.charCodeAt(from + 7) !== 45) return NaN;
  const year = digitsAt(s, from, 4);
  const month = digitsAt(s, from + 5, 2);
  const day = digitsAt(s, from + 8, 2);
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
  return Date.UTC(year, month - 1, day);
}

/**
 * Epoch milliseconds of an ISO instant. The form every instant in events and state takes
 * (`toISOString`, `YYYY-MM-DDTHH:MM:SS.sssZ`) is read digit by digit; anything else, and any
 * value the fast path is not sure of, goes to Date.parse.
 */
export function ms(iso: string): number {
  if (iso.length === 24 && iso.charCodeAt(10) === 84 && iso.charCodeAt(23) === 90 && iso.charCodeAt(13) === 58
    && iso.charCodeAt(16) === 58 && iso.charCodeAt(19) === 46) {
    const day = utcDay(iso, 0);
    const h = digitsAt(iso, 11, 2);
    const m = digitsAt(iso, 14, 2);
    const sec = digitsAt(iso, 17, 2);
    const milli = digitsAt(iso, 20, 3);
    if (day === day && h < 24 && m < 60 && sec < 60 && milli === milli) return day + h * HOUR_MS + m * 60_000 + sec * 1000 + milli;
  }
  return Date.parse(iso);
}

export const iso = (millis: number): string => new Date(millis).toISOString();

/** 00:00Z of a date (`YYYY-MM-DD`). */
export function dayStart(date: string): number {
  const day = date.length === 10 ? utcDay(date, 0) : NaN;
  return day === day ? day : Date.parse(`${date}T00:00:00Z`);
}

/** A date (`YYYY-MM-DD`) has passed at 00:00Z the next day. */
export const datePassesAt = (date: string): number => dayStart(date) + DAY_MS;

/** The UTC day of an instant, as `YYYY-MM-DD`. */
export const dayOf = (millis: number): string => iso(millis).slice(0, 10);

/** 00:00Z of the first day that starts at or after `millis`. */
export const nextMidnight = (millis: number): number => Math.ceil(millis / DAY_MS) * DAY_MS;
