// Counting signs in a sliding window ending at an instant (rules 2 and 3).
import type { Sign } from '../state';
import { DAY_MS, ms } from '../time';

export const within = (signs: Sign[], atMs: number, windowDays: number): Sign[] =>
  signs.filter((s) => { const t = ms(s.at); return t <= atMs && t > atMs - windowDays * DAY_MS; });

/** When the count in the window drops below `count` without new signs (null if it is already below). */
export function windowReleasesAt(signs: Sign[], atMs: number, windowDays: number, count: number): number | null {
  const inWindow = within(signs, atMs, windowDays).map((s) => ms(s.at)).sort((a, b) => b - a);
  if (inWindow.length < count) return null;
  return inWindow[count - 1] + windowDays * DAY_MS;
}
