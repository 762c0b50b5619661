// Rule 5: a message received outside the agreed hours weighs as off_hours_messages.
// Agreed hours are weekdays (Monday = 1) and HH:MM bounds in an IANA time zone; default Mon–Fri
// 08–18 UTC. Rule 29: a start later than the end is a window across midnight that belongs to the
// day it starts (22:00–06:00 on Friday covers Friday 23:00 and Saturday 05:00).
import type { AgreedHours } from './default-policy';

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formats = new Map<string, Intl.DateTimeFormat>();

/** ISO weekday and minutes since midnight of an instant in a zone; null for an unknown zone. */
function localTime(atMs: number, timeZone: string): { weekday: number; minutes: number } | null {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    const d = new Date(atMs);
    return { weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() };
  }
  let format = formats.get(timeZone);
  try {
    format ??= new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    return null;
  }
  formats.set(timeZone, format);
  const parts = Object.fromEntries(format.formatToParts(new Date(atMs)).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAY[parts.weekday] ?? 0, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when `timeZone` names a time zone the platform knows (IANA names; offsets such as `+02:00` are not zones). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (/^[+-]/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const previousDay = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);

export function isOutsideAgreedHours(atMs: number, hours: AgreedHours): boolean {
  // A zone refused at open (rule 29) can only come from a stream recorded before it was checked.
  const local = localTime(atMs, hours.timeZone) ?? localTime(atMs, 'UTC');
  if (!local) return false;
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  if (start <= end) return !(hours.days.includes(local.weekday) && local.minutes >= start && local.minutes < end);
  const tonight = hours.days.includes(local.weekday) && local.minutes >= start;
  const lastNight = hours.days.includes(previousDay(local.weekday)) && local.minutes < end;
  return !(tonight || lastNight);
}
