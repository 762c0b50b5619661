import { describe, expect, it } from 'vitest';
import { EventTimeClock, ManualClock, SystemClock } from './clocks';

describe('clocks', () => {
  it('the system clock reads the wall', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
  });

  it('a manual clock moves only when told', () => {
    const clock = new ManualClock('2026-03-02T09:00:00Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:01:30.000Z');
    clock.set('2026-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('event time follows the records and never runs back', () => {
    const clock = new EventTimeClock();
    expect(clock.advanceTo('2026-03-02T09:00:00Z')).toBe(true);
    expect(clock.advanceTo('2026-03-01T09:00:00Z')).toBe(false);
    expect(clock.advanceTo('not a time')).toBe(false);
    expect(clock.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });
});
