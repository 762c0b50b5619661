// Durable timers kept in process memory: the embedded store for simulation and tests.
// Due timers come out in (dueAt, id) order from a heap, so large simulations stay fast.
import type { TimerSpec } from '@offramp/domain';
import type { DueTimer, TimerStore } from '@offramp/runtime';
import { DueQueue, type DueEntry } from './due-queue';

interface TimerRecord {
  streamId: string;
  spec: TimerSpec;
  dueMs: number;
  /** Set while claimed; a replaced or released timer has none. */
  leaseUntilMs: number | null;
  attempts: number;
  /** Matches the one live queue entry of this timer. */
  token: number;
}

const byDueThenId = (a: TimerSpec, b: TimerSpec): number =>
  Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class InMemoryTimerStore implements TimerStore {
  private readonly timers = new Map<string, TimerRecord>();
  private readonly byStream = new Map<string, Set<string>>();
  private readonly leased = new Set<string>();
  private readonly queue = new DueQueue();
  private tokens = 0;

  /**
   * Makes the stream's pending timers exactly `specs`. Called by the in-memory event store inside
   * an append, so it is atomic with the events. A timer kept with the same due time keeps its lease.
   */
  replaceForStream(streamId: string, specs: readonly TimerSpec[]): void {
    // A stream wants a handful of timers, mostly the same ones append after append: lists are
    // compared in place, and the stream's id set is only rebuilt when its members change.
    const current = this.byStream.get(streamId);
    if (current) for (const id of current) if (!specs.some((s) => s.id === id)) this.remove(id);
    for (const spec of specs) {
      const existing = this.timers.get(spec.id);
      if (existing && existing.spec.dueAt === spec.dueAt) {
        existing.spec = spec;
        continue;
      }
      const dueMs = Date.parse(spec.dueAt);
      if (existing && existing.dueMs === dueMs) {
        existing.spec = spec;
        continue;
      }
      const record: TimerRecord = { streamId, spec, dueMs, leaseUntilMs: null, attempts: existing?.attempts ?? 0, token: ++this.tokens };
      this.timers.set(spec.id, record);
      this.leased.delete(spec.id);
      this.queue.push({ dueMs, id: spec.id, token: record.token });
    }
    if (specs.length === 0) this.byStream.delete(streamId);
    else if (!current || current.size !== specs.length || this.byStream.get(streamId) !== current) {
      this.byStream.set(streamId, new Set(specs.map((s) => s.id)));
    }
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<DueTimer[]> {
    const nowMs = now.getTime();
    this.expireLeases(nowMs);
    const claimed: DueTimer[] = [];
    while (claimed.length < limit) {
      const top = this.queue.peek(this.isLive);
      if (!top || top.dueMs > nowMs) break;
      this.queue.pop();
      const record = this.timers.get(top.id) as TimerRecord;
      record.leaseUntilMs = nowMs + leaseMs;
      record.attempts += 1;
      this.leased.add(top.id);
      claimed.push({ ...record.spec, leaseUntil: new Date(record.leaseUntilMs).toISOString(), attempts: record.attempts });
    }
    return claimed;
  }

  /** Removes a claimed timer; a timer replaced since its claim (no lease any more) stays. */
  async complete(timerIds: readonly string[]): Promise<void> {
    for (const timerId of timerIds) if (this.timers.get(timerId)?.leaseUntilMs != null) this.remove(timerId);
  }

  async release(timerIds: readonly string[]): Promise<void> {
    for (const timerId of timerIds) {
      const record = this.timers.get(timerId);
      if (record && record.leaseUntilMs !== null) this.unlease(record);
    }
  }

  async pending(streamId?: string): Promise<TimerSpec[]> {
    const ids = streamId === undefined ? [...this.timers.keys()] : [...(this.byStream.get(streamId) ?? [])];
    return ids.map((id) => (this.timers.get(id) as TimerRecord).spec).sort(byDueThenId);
  }

  async nextDueAt(): Promise<string | null> {
    return this.earliest()?.spec.dueAt ?? null;
  }

  /** nextDueAt in epoch ms, at once: a simulation asks before every record of its history. */
  nextDueMs(): number | null {
    return this.earliest()?.dueMs ?? null;
  }

  private earliest(): TimerRecord | undefined {
    let earliest: TimerRecord | undefined;
    const top = this.queue.peek(this.isLive);
    if (top) earliest = this.timers.get(top.id);
    for (const id of this.leased) {
      const record = this.timers.get(id) as TimerRecord;
      if (!earliest || record.dueMs < earliest.dueMs) earliest = record;
    }
    return earliest;
  }

  private readonly isLive = (entry: DueEntry): boolean => {
    const record = this.timers.get(entry.id);
    return record !== undefined && record.token === entry.token && record.leaseUntilMs === null;
  };

  private expireLeases(nowMs: number): void {
    for (const id of this.leased) {
      const record = this.timers.get(id) as TimerRecord;
      if ((record.leaseUntilMs as number) <= nowMs) this.unlease(record);
    }
  }

  private unlease(record: TimerRecord): void {
    record.leaseUntilMs = null;
    record.token = ++this.tokens;
    this.leased.delete(record.spec.id);
    this.queue.push({ dueMs: record.dueMs, id: record.spec.id, token: record.token });
  }

  private remove(timerId: string): void {
    const record = this.timers.get(timerId);
    if (!record) return;
    this.timers.delete(timerId);
    this.leased.delete(timerId);
    const ids = this.byStream.get(record.streamId);
    ids?.delete(timerId);
    if (ids && ids.size === 0) this.byStream.delete(record.streamId);
  }
}
