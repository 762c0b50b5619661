import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '@offramp/domain';
import { InMemoryEventStore } from '@offramp/event-store';
import { RelationshipEngine } from '@offramp/runtime';
import { march, opened, signal } from '../../runtime/src/testing/history';
import { ManualClock } from './clocks';
import { TimerRunner } from './timer-runner';

async function withUnansweredMessages(count: number) {
  const store = new InMemoryEventStore();
  const clock = new ManualClock(march(2));
  const engine = new RelationshipEngine({ store, timers: store.timers, clock, policy: DEFAULT_POLICY });
  await engine.handle(opened('acme'));
  for (let i = 0; i < count; i++) {
    await engine.handle(signal('acme', 'message.sent', march(3, `1${i}:00`), { messageId: `m-${i}`, channel: 'email' }));
  }
  const replyTimers = async () => (await store.timers.pending('acme')).filter((t) => /m-\d/.test(t.id));
  return { engine, clock, replyTimers };
}

describe('timer runner', () => {
  it('fires what comes due while it runs, and stops cleanly', async () => {
    const { engine, clock, replyTimers } = await withUnansweredMessages(2);
    const runner = new TimerRunner(engine, { intervalMs: 5 });
    runner.start();
    expect(await replyTimers()).toHaveLength(2);
    clock.set(march(9));
    await vi.waitFor(async () => expect(await replyTimers()).toHaveLength(0), { timeout: 10_000, interval: 10 });
    await runner.stop();
    expect(runner.isRunning).toBe(false);
  });

  it('drains a backlog larger than one round', async () => {
    const { engine, clock, replyTimers } = await withUnansweredMessages(5);
    clock.set(march(9));
    const runner = new TimerRunner(engine, { batchSize: 2 });
    expect(await runner.runOnce()).toBeGreaterThanOrEqual(5);
    expect(await replyTimers()).toHaveLength(0);
  });

  it('reports a failing round and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const failingOnce = {
      async fireDueTimers() {
        calls += 1;
        if (calls === 1) throw new Error('store unavailable');
        return [];
      },
    };
    const runner = new TimerRunner(failingOnce, { intervalMs: 1, onError: (e) => errors.push(e) });
    runner.start();
    await vi.waitFor(() => expect(calls).toBeGreaterThan(1), { timeout: 10_000, interval: 5 });
    await runner.stop();
    expect(errors).toHaveLength(1);
  });
});
