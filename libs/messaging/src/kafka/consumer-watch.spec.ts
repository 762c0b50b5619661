// What a consumer's health says as it joins, fails, restarts and stops.
import { describe, expect, it } from 'vitest';
import { MessagingMetrics } from '../metrics';
import { ConsumerWatch } from './consumer-watch';

const watching = () => new ConsumerWatch({
  groupId: 'engine', topics: ['signals', 'commands'], metrics: new MessagingMetrics(),
  admin: () => { throw new Error('offsets are not read in this spec'); }, stuckAfterMs: 1_000, intervalMs: 1_000,
});

describe('a consumer\'s health', () => {
  it('is healthy while it joins and once joined, and through a rebalance', () => {
    const watch = watching();
    expect(watch.check('signals')).toMatchObject({ ok: true, detail: expect.stringContaining('joining') });
    watch.joined();
    watch.rejoining();
    expect(watch.check('signals')).toMatchObject({ ok: true });
    expect(watch.current).toBe('joining');
  });

  it('is unhealthy, naming the failure, from a failure until it has joined again', () => {
    const watch = watching();
    watch.joined();
    watch.restarting('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    expect(watch.check('commands')).toEqual({ ok: false, detail: 'consumer restarting after a failure: Connection error: connect ECONNREFUSED 127.0.0.1:9092' });
    // A rebalance while restarting is no recovery.
    watch.rejoining();
    expect(watch.check('commands').ok).toBe(false);
    watch.joined();
    expect(watch.check('commands').ok).toBe(true);
  });

  it('stays stopped once stopped', () => {
    const watch = watching();
    watch.stopped('stopped by request');
    watch.restarting('late failure');
    watch.joined();
    expect(watch.check('signals')).toEqual({ ok: false, detail: 'consumer stopped: stopped by request' });
  });
});
