// Load at a fixed rate: every few milliseconds the messages due by then are sent, without waiting
// for earlier sends (a slow consumer must not slow the load down), but with a bound on the sends
// in flight so that a stalled bus cannot pile up unbounded work here.
import { performance } from 'node:perf_hooks';
import { sleep } from '../harness/measure';
import type { FeedMessage } from './signal-feed';

export interface PacedFeedOptions {
  perSecond: number;
  messages: readonly FeedMessage[];
  send(messages: FeedMessage[]): Promise<unknown>;
  /** Filled with when each message was handed to `send` (performance.now()), as it goes. */
  sentAt: Map<string, number>;
  tickMs?: number;
  maxInFlight?: number;
}

/** Sends every message at the rate; resolves with the milliseconds it took, once every send resolved. */
export async function pacedFeed(options: PacedFeedOptions): Promise<number> {
  const { perSecond, messages, send, sentAt, tickMs = 5, maxInFlight = 64 } = options;
  const inFlight = new Set<Promise<unknown>>();
  const started = performance.now();
  let sent = 0;
  while (sent < messages.length) {
    const now = performance.now();
    const due = Math.min(messages.length, Math.floor(((now - started) * perSecond) / 1000));
    if (due > sent) {
      const batch = messages.slice(sent, due);
      for (const message of batch) sentAt.set(message.id, now);
      const sending: Promise<unknown> = send(batch).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
      sent = due;
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    }
    await sleep(tickMs);
  }
  await Promise.all(inFlight);
  return performance.now() - started;
}
