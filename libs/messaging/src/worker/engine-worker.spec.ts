// The engine worker on the in-process bus, with the real engine and the in-memory store: the same
// semantics the Kafka tests check on a real broker.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@offramp/domain';
import { InMemoryEventStore } from '@offramp/event-store';
import { RelationshipEngine } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { InProcessMessageBus } from '../in-process/in-process-message-bus';
import { DEFAULT_TOPICS, type InboundMessage } from '../ports';
import type { DeadLetter } from './dead-letter';
import { EngineWorker } from './engine-worker';

const actor = { id: 'u-sofia', teamId: 'team-north', role: 'manager' };
const open = (id: string) => ({ key: id, value: JSON.stringify({ id: `open-${id}`, type: 'relationship.open', relationshipId: id, issuedAt: '2026-03-01T09:00:00Z', actor, data: { clientName: id, teamId: 'team-north' } }) });
const meeting = (id: string, n: number) => ({ key: id, value: JSON.stringify({ id: `m-${n}`, type: 'meeting.held', relationshipId: id, occurredAt: `2026-03-0${n + 2}T10:00:00Z`, source: 'calendar', data: { prepared: true } }) });

async function running() {
  const store = new InMemoryEventStore();
  const engine = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock('2026-03-01T00:00:00Z'), policy: DEFAULT_POLICY });
  const bus = new InProcessMessageBus({ partitions: 3 });
  const deadLetters: DeadLetter[] = [];
  await bus.consume([DEFAULT_TOPICS.deadLetter], async (batch: InboundMessage[]) => { deadLetters.push(...batch.map((m) => JSON.parse(m.value!) as DeadLetter)); });
  await new EngineWorker({ bus, engine }).start();
  return { store, bus, deadLetters };
}

describe('the engine worker on the in-process bus', () => {
  it('records what the engine accepts and dead-letters the rest, in order, without stopping', async () => {
    const { store, bus, deadLetters } = await running();
    await bus.publish(DEFAULT_TOPICS.commands, [open('acme')]);
    await bus.drained();
    await bus.publish(DEFAULT_TOPICS.signals, [meeting('acme', 1), { key: 'acme', value: 'not json' }, meeting('acme', 2), meeting('nobody', 3), meeting('acme', 3)]);
    await bus.drained();

    const causes = (await store.readStream('acme')).map((e) => e.event.causedBy.id);
    expect([...new Set(causes)]).toEqual(['open-acme', 'm-1', 'm-2', 'm-3']);
    expect(deadLetters.map((l) => [l.code, l.original.key])).toEqual([['invalid_signal', 'acme'], ['not_found', 'nobody']]);
    expect(deadLetters[0]!.original.value).toBe('not json');
  });

  it('treats a redelivered input as the duplicate it is', async () => {
    const { store, bus, deadLetters } = await running();
    await bus.publish(DEFAULT_TOPICS.commands, [open('acme'), open('acme')]);
    await bus.drained();

    expect((await store.readStream('acme')).every((e) => e.event.causedBy.id === 'open-acme')).toBe(true);
    expect(deadLetters).toEqual([]);
  });
});
