// Counting signs in a sliding window ending at an instant (rules 2 and 3).
import type { Sign } from '../state';
import { DAY_MS } from '../time';

export const within = (signs: Sign[], atMs: number, windowDays: number): Sign[] =>
  signs.filter((s) => s.at <= atMs && s.at > atMs - windowDays * DAY_MS);

/** How many signs are in the window, without listing them. */
export function countWithin(signs: Sign[], atMs: number, windowDays: number): number {
  const from = atMs - windowDays * DAY_MS;
  let n = 0;
  for (const s of signs) if (s.at <= atMs && s.at > from) n++;
  return n;
}

/** When the count in the window drops below `count` without new signs (null if it is already below). */
export function windowReleasesAt(signs: Sign[], atMs: number, windowDays: number, count: number): number | null {
  if (countWithin(signs, atMs, windowDays) < count) return null;
  const inWindow = within(signs, atMs, windowDays).map((s) => s.at).sort((a, b) => b - a);
  return inWindow[count - 1] + windowDays * DAY_MS;
}
