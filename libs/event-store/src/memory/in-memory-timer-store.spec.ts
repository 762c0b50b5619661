import { describe, expect, it } from 'vitest';
import type { TimerSpec } from '@offramp/domain';
import { InMemoryTimerStore } from './in-memory-timer-store';

const timer = (id: string, dueAt: string): TimerSpec => ({ id, type: 'reply', relationshipId: 'acme', dueAt, data: {} });
const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

describe('in-memory timer store', () => {
  it('hands out due timers by due time, then id, and only those due', async () => {
    const timers = new InMemoryTimerStore();
    timers.replaceForStream('acme', [
      timer('c', '2026-03-02T10:00:00Z'), timer('b', '2026-03-02T09:00:00Z'),
      timer('a', '2026-03-02T10:00:00Z'), timer('later', '2026-03-03T00:00:00Z'),
    ]);
    const due = await timers.claimDue(at('2026-03-02T10:00:00Z'), 10, MINUTE);
    expect(due.map((t) => t.id)).toEqual(['b', 'a', 'c']);
    expect(due[0]).toMatchObject({ attempts: 1, leaseUntil: '2026-03-02T10:01:00.000Z' });
  });

  it('does not hand out a claimed timer again until its lease runs out or it is released', async () => {
    const timers = new InMemoryTimerStore();
    timers.replaceForStream('acme', [timer('a', '2026-03-02T09:00:00Z'), timer('b', '2026-03-02T09:00:00Z')]);
    await timers.claimDue(at('2026-03-02T10:00:00Z'), 2, MINUTE);
    expect(await timers.claimDue(at('2026-03-02T10:00:30Z'), 10, MINUTE)).toEqual([]);
    await timers.release(['b']);
    expect((await timers.claimDue(at('2026-03-02T10:00:30Z'), 10, MINUTE)).map((t) => t.id)).toEqual(['b']);
    const expired = await timers.claimDue(at('2026-03-02T10:01:00Z'), 10, MINUTE);
    expect(expired.map((t) => [t.id, t.attempts])).toEqual([['a', 2]]);
  });

  it('removes a fired timer, but not one replaced since it was claimed', async () => {
    const timers = new InMemoryTimerStore();
    timers.replaceForStream('acme', [timer('a', '2026-03-02T09:00:00Z'), timer('b', '2026-03-02T09:00:00Z')]);
    await timers.claimDue(at('2026-03-02T10:00:00Z'), 2, MINUTE);
    timers.replaceForStream('acme', [timer('a', '2026-03-02T09:00:00Z'), timer('b', '2026-03-05T09:00:00Z')]);
    await timers.complete(['a']);
    await timers.complete(['b']);
    expect(await timers.pending('acme')).toEqual([timer('b', '2026-03-05T09:00:00Z')]);
    expect(await timers.nextDueAt()).toBe('2026-03-05T09:00:00Z');
  });

  it('reports the earliest pending timer, claimed or not', async () => {
    const timers = new InMemoryTimerStore();
    expect(await timers.nextDueAt()).toBeNull();
    timers.replaceForStream('acme', [timer('a', '2026-03-02T09:00:00Z'), timer('b', '2026-03-04T09:00:00Z')]);
    await timers.claimDue(at('2026-03-02T09:00:00Z'), 1, MINUTE);
    expect(await timers.nextDueAt()).toBe('2026-03-02T09:00:00Z');
    timers.replaceForStream('acme', []);
    expect(await timers.nextDueAt()).toBeNull();
    expect(await timers.pending()).toEqual([]);
  });
});
