import { describe, expect, it } from 'vitest';
import { dayStart, datePassesAt, ms } from './time';

describe('reading instants', () => {
  const cases = [
    '2025-03-03T10:00:00.000Z', '2024-02-29T23:59:59.999Z', '1999-12-31T00:00:00.000Z',
    '2025-02-30T00:00:00.000Z', // Date.parse rolls the day over; so must the fast path
    '2025-03-03T10:00:00Z', '2025-03-03T12:00:00+02:00', '2025-03-03T10:00:00.5Z',
    '2025-13-01T00:00:00.000Z', '2025-01-01T24:00:00.000Z', '2025-01-01T10:6x:00.000Z', 'yesterday',
  ];
  it.each(cases)('%s as Date.parse reads it', (value) => expect(ms(value)).toStrictEqual(Date.parse(value)));

  it('round-trips every instant toISOString writes', () => {
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2040, 0, 1); t += 7_919_000_017) expect(ms(new Date(t).toISOString())).toBe(t);
  });

  it('a date has passed at 00:00Z the next day', () => {
    expect(dayStart('2025-03-03')).toBe(Date.parse('2025-03-03T00:00:00Z'));
    expect(datePassesAt('2025-02-28')).toBe(Date.parse('2025-03-01T00:00:00Z'));
    expect(dayStart('2025-3-3')).toBeNaN();
  });
});
