import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../ports';
import { InProcessMessageBus } from './in-process-message-bus';

const signal = (relationshipId: string, n: number) => ({ key: relationshipId, value: JSON.stringify({ relationshipId, n }) });
const valuesOf = (messages: InboundMessage[], key: string) => messages.filter((m) => m.key === key).map((m) => JSON.parse(m.value!).n);

describe('the in-process bus', () => {
  it("delivers each relationship's messages in the order they were published", async () => {
    const bus = new InProcessMessageBus({ partitions: 4, maxBatchSize: 3 });
    const received: InboundMessage[] = [];
    await bus.consume(['signals'], async (batch) => { received.push(...batch); });
    for (let n = 0; n < 20; n++) await bus.publish('signals', [signal('acme', n), signal('globex', n)]);
    await bus.drained();

    expect(valuesOf(received, 'acme')).toEqual([...Array(20).keys()]);
    expect(valuesOf(received, 'globex')).toEqual([...Array(20).keys()]);
  });

  it('keeps messages published before anyone consumed them', async () => {
    const bus = new InProcessMessageBus();
    await bus.publish('signals', [signal('acme', 1), signal('acme', 2)]);
    const received: InboundMessage[] = [];
    await bus.consume(['signals'], async (batch) => { received.push(...batch); });
    await bus.drained();

    expect(valuesOf(received, 'acme')).toEqual([1, 2]);
  });

  it('delivers a rejected batch again, and nothing after it first', async () => {
    const bus = new InProcessMessageBus({ partitions: 1, maxBatchSize: 1, redeliveryDelayMs: 1 });
    const handled: number[] = [];
    let failuresLeft = 2;
    await bus.consume(['signals'], async ([message]) => {
      const { n } = JSON.parse(message!.value!);
      if (n === 1 && failuresLeft-- > 0) throw new Error('store unavailable');
      handled.push(n);
    });
    await bus.publish('signals', [signal('acme', 0), signal('acme', 1), signal('acme', 2)]);
    await bus.drained();

    expect(handled).toEqual([0, 1, 2]);
    expect(failuresLeft).toBe(-1);
  });

  it('gives every consumer group every message, with offsets per partition', async () => {
    const bus = new InProcessMessageBus({ partitions: 2 });
    const first: InboundMessage[] = [];
    const second: InboundMessage[] = [];
    await bus.consume(['events'], async (batch) => { first.push(...batch); });
    await bus.consume(['events'], async (batch) => { second.push(...batch); });
    await bus.publish('events', [signal('acme', 0), signal('acme', 1)]);
    await bus.drained();

    expect(first.map((m) => m.offset)).toEqual(['0', '1']);
    expect(second).toEqual(first);
  });

  it('keeps only the latest messages of a topic nobody consumes', async () => {
    const bus = new InProcessMessageBus({ partitions: 1, retainUnconsumed: 3 });
    for (let n = 0; n < 10; n++) await bus.publish('events', [signal('acme', n)]);
    const received: InboundMessage[] = [];
    await bus.consume(['events'], async (batch) => { received.push(...batch); });
    await bus.drained();

    expect(valuesOf(received, 'acme')).toEqual([7, 8, 9]);
    expect(received[0]!.offset).toBe('7');
  });
});
