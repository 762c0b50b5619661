// The three clocks behind the one Clock port: the wall, a hand-set one for tests, and event time.
import type { Clock } from '@offramp/runtime';

export class SystemClock implements Clock {
  now(): Date { return new Date(); }
}

/** Moves only when told: for tests. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = new Date(0)) { this.current = new Date(start).getTime(); }

  now(): Date { return new Date(this.current); }
  set(to: Date | string): void { this.current = new Date(to).getTime(); }
  advance(ms: number): void { this.current += ms; }
}

/** Follows the records of a history file; never goes back, so an out-of-order record cannot rewind it. */
export class EventTimeClock implements Clock {
  private current: number;

  constructor(start: Date | string = new Date(0)) { this.current = new Date(start).getTime(); }

  now(): Date { return new Date(this.current); }

  /** Moves to `to` when it is later; returns whether it moved. */
  advanceTo(to: Date | string): boolean {
    const t = new Date(to).getTime();
    if (Number.isNaN(t) || t <= this.current) return false;
    this.current = t;
    return true;
  }
}
