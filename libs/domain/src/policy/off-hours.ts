// Rule 5: a message received outside the agreed hours weighs as off_hours_messages.
// Agreed hours are weekdays (Monday = 1) and HH:MM bounds in a time zone; default Mon–Fri 08–18 UTC.
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

export function isOutsideAgreedHours(atMs: number, hours: AgreedHours): boolean {
  const local = localTime(atMs, hours.timeZone) ?? localTime(atMs, 'UTC');
  if (!local) return false;
  if (!hours.days.includes(local.weekday)) return true;
  return local.minutes < minutesOf(hours.start) || local.minutes >= minutesOf(hours.end);
}
