// The outbox on the real broker: every domain event reaches the events topic keyed by its
// relationship, in stream order, with its event id; the checkpoint moves only after Kafka took them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, teamPolicyStreamId } from '@offramp/domain';
import { CheckpointStore as SqlCheckpointStore, InMemoryEventStore, SqlEventStore, SqlTimerStore, migrate, openDatabase, type Database } from '@offramp/event-store';
import { KafkaMessageBus, OutboxPublisher } from '@offramp/messaging';
import { InMemoryCheckpoints, type ProcessorCheckpoints } from '@offramp/processing';
import { createLogger } from '@offramp/observability';
import { RelationshipEngine, TeamPolicies, type EventStore, type StoredEvent, type TimerStore } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { eventually, readTopic, testBrokers, uniqueName, type ReadMessage } from '../../support/kafka';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { opened, preparedMeeting, signal } from './inputs';

const logger = createLogger({ level: 'silent' });

interface Storage { store: EventStore; timers: TimerStore; checkpoints: ProcessorCheckpoints<unknown>; close(): Promise<void> }

const storages: [string, () => Promise<Storage>][] = [
  ['in memory', async () => {
    const store = new InMemoryEventStore();
    return { store, timers: store.timers, checkpoints: new InMemoryCheckpoints(), close: async () => {} };
  }],
  ['on PostgreSQL', async () => {
    const database: TestDatabase = await createTestDatabase('outbox');
    const db: Database = await openDatabase({ url: database.url });
    await migrate(db);
    return { store: new SqlEventStore(db), timers: new SqlTimerStore(db), checkpoints: new SqlCheckpointStore(db), close: async () => { await db.close(); await database.drop(); } };
  }],
];

/** A few relationships with a history each: opened, then some meetings and a late invoice. */
async function someHistory({ store, timers }: Storage, relationships: string[]): Promise<void> {
  const engine = new RelationshipEngine({ store, timers, clock: new ManualClock('2026-03-01T00:00:00Z'), policy: DEFAULT_POLICY });
  await engine.handleBatch(relationships.map((id) => ({ kind: 'command', ...opened(id) })));
  for (let day = 2; day <= 4; day++) {
    await engine.handleBatch(relationships.flatMap((id) => [
      { kind: 'signal', ...preparedMeeting(id, `2026-03-0${day}T10:00:00Z`) },
      { kind: 'signal', ...signal('meeting.missed', id, {}, `2026-03-0${day}T15:00:00Z`) },
    ]));
  }
}

/** What survives the trip as JSON (the message value), to compare with what the store holds. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function firstOfEachEventId(messages: ReadMessage[]): StoredEvent[] {
  const seen = new Set<string>();
  return messages.map((m) => JSON.parse(m.value!) as StoredEvent).filter((e) => !seen.has(e.eventId) && Boolean(seen.add(e.eventId)));
}

/** The store's events for these relationships, stream by stream. */
async function eventsOf(store: EventStore, relationships: string[]): Promise<StoredEvent[]> {
  return (await Promise.all(relationships.map((id) => store.readStream(id)))).flat();
}

/**
 * Waits until a gap-free reader sees these events. On PostgreSQL a commit becomes visible to such
 * a reader only once no older transaction on the server is still open, so "now" means "soon".
 */
async function untilVisible(store: EventStore, events: StoredEvent[]): Promise<void> {
  const wanted = new Set(events.map((e) => e.eventId));
  await eventually(async () => {
    const seen = new Set((await store.readAll(null, 100_000)).events.map((e) => e.eventId));
    return [...wanted].every((id) => seen.has(id));
  }, 60_000, 'the new events visible to readers of the global order');
}

describe.each(storages)('the outbox publisher, events stored %s', (_name, open) => {
  let storage: Storage;
  const buses: KafkaMessageBus[] = [];
  const bus = async (topic: string) => {
    const created = new KafkaMessageBus({ brokers: testBrokers(), logger, partitions: 3, topics: { signals: topic, commands: topic, events: topic, deadLetter: topic } });
    await created.start();
    buses.push(created);
    return created;
  };
  const outboxFor = async (topic: string, name = uniqueName('outbox'), onBus?: KafkaMessageBus) =>
    new OutboxPublisher({ store: storage.store, bus: onBus ?? (await bus(topic)), checkpoints: storage.checkpoints, topic, name });

  beforeAll(async () => { storage = await open(); });
  afterAll(async () => { await storage.close(); });
  afterEach(async () => { await Promise.all(buses.splice(0).map((b) => b.stop())); });

  it("publishes every event keyed by its relationship, in each stream's order, with its event id", async () => {
    const topic = uniqueName('events');
    const relationships = ['acme', 'globex', 'initech', 'umbrella'].map(uniqueName);
    await someHistory(storage, relationships);
    const stored = await eventsOf(storage.store, relationships);
    expect(stored.length).toBeGreaterThan(relationships.length);
    const outbox = await outboxFor(topic);

    await untilVisible(storage.store, stored);
    await outbox.publishPending();
    const seen = new Set<string>();
    const published = await readTopic(topic, stored.length, { where: (m) => relationships.includes(m.key!) && !seen.has(m.headers['event-id']!) && Boolean(seen.add(m.headers['event-id']!)) });

    // Publishing is at-least-once (a producer retry may store a copy), so consumers, and this test,
    // keep the first copy of each event id.
    for (const id of relationships) {
      const fromKafka = firstOfEachEventId(published.filter((m) => m.key === id));
      expect(fromKafka).toEqual(asJson(stored.filter((e) => e.streamId === id)));
    }
    expect(published.every((m) => m.headers['event-id'] === (JSON.parse(m.value!) as StoredEvent).eventId)).toBe(true);
  });

  it('publishes a team\'s policy changes like any other domain event, keyed by the team\'s policy stream', async () => {
    const topic = uniqueName('events');
    const team = uniqueName('team');
    const admin = { id: 'u-admin', teamId: team, role: 'admin' as const };
    const policies = new TeamPolicies(storage.store);
    await policies.draft(team, { id: uniqueName('draft'), at: '2026-03-01T09:00:00.000Z', actor: admin, document: { riskScore: { threshold: 45 } }, patch: true });
    await policies.activate(team, { id: uniqueName('activate'), at: '2026-03-01T09:05:00.000Z', actor: admin, reason: 'we act earlier', expectedVersion: 0 });
    const stored = await storage.store.readStream(teamPolicyStreamId(team));
    expect(stored.map((e) => e.type)).toEqual(['PolicyDrafted', 'PolicyActivated']);
    const outbox = await outboxFor(topic);

    await untilVisible(storage.store, stored);
    await outbox.publishPending();
    const published = await readTopic(topic, stored.length, { where: (m) => m.key === teamPolicyStreamId(team) });
    expect(firstOfEachEventId(published)).toEqual(asJson(stored));
    expect(published.map((m) => m.headers['event-type'])).toEqual(['PolicyDrafted', 'PolicyActivated']);
    expect((JSON.parse(published[1]!.value!) as StoredEvent).event.data).toMatchObject({ version: 1, policyVersion: `${team}/1`, activatedBy: admin, reason: 'we act earlier' });
  });

  it('publishes only what came after its checkpoint', async () => {
    const topic = uniqueName('events');
    const early = uniqueName('early');
    await someHistory(storage, [early]);
    await untilVisible(storage.store, await eventsOf(storage.store, [early]));
    const outbox = await outboxFor(topic);
    await outbox.publishPending();

    const late = uniqueName('late');
    await someHistory(storage, [late]);
    const lateEvents = await eventsOf(storage.store, [late]);
    await untilVisible(storage.store, lateEvents);
    expect(await outbox.publishPending()).toBe(lateEvents.length);
    expect(await outbox.publishPending()).toBe(0);
  });

  it('keeps its checkpoint when Kafka did not take the events, and publishes them on the next run', async () => {
    const topic = uniqueName('events');
    const name = uniqueName('outbox');
    const first = uniqueName('first');
    await someHistory(storage, [first]);
    await untilVisible(storage.store, await eventsOf(storage.store, [first]));
    await (await outboxFor(topic, name)).publishPending();
    const before = await storage.checkpoints.load(name);

    const pending = uniqueName('pending');
    await someHistory(storage, [pending]);
    const pendingEvents = await eventsOf(storage.store, [pending]);
    await untilVisible(storage.store, pendingEvents);
    const unreachable = await bus(topic);
    await unreachable.stop();
    await expect((await outboxFor(topic, name, unreachable)).publishPending()).rejects.toThrow();
    expect(await storage.checkpoints.load(name)).toBe(before);

    expect(await (await outboxFor(topic, name)).publishPending()).toBe(pendingEvents.length);
    const published = await readTopic(topic, pendingEvents.length, { where: (m) => m.key === pending });
    expect(firstOfEachEventId(published).map((e) => e.eventId)).toEqual(pendingEvents.map((e) => e.eventId));
  });
});
