// The engine worker on the real broker with the real engine: inputs are decided, every refused or
// unreadable one lands on the dead-letter topic with its reason, and what follows it is processed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, idempotencyKeyOf, parseInput } from '@offramp/domain';
import { InMemoryEventStore } from '@offramp/event-store';
import { EngineWorker, KafkaMessageBus, type DeadLetter, type MessagingTopics } from '@offramp/messaging';
import { createLogger } from '@offramp/observability';
import { RelationshipEngine } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { eventually, firstCopy, readTopic, testBrokers, uniqueName } from '../../support/kafka';
import { topicsFor } from '../../support/topics';
import { asMessage, command, opened, preparedMeeting, signal } from './inputs';

let topics: MessagingTopics;
let store: InMemoryEventStore;
let bus: KafkaMessageBus;

beforeEach(async () => {
  topics = topicsFor(uniqueName('worker'));
  store = new InMemoryEventStore();
  const engine = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock('2026-03-01T00:00:00Z'), policy: DEFAULT_POLICY });
  bus = new KafkaMessageBus({ brokers: testBrokers(), topics, groupId: uniqueName('engine'), partitions: 2, logger: createLogger({ level: 'silent' }), maxWaitTimeInMs: 100 });
  await bus.start();
  await new EngineWorker({ bus, engine, topics }).start();
});

afterEach(async () => {
  await bus.stop();
});

const eventsOf = async (relationshipId: string) => (await store.readStream(relationshipId)).map((e) => e.type);

describe('the engine worker', () => {
  it('opens a relationship from the commands topic and records its signals', async () => {
    await bus.publish(topics.commands, [asMessage(opened('acme'))]);
    await eventually(async () => (await store.streamVersion('acme')) > 0, 60_000, 'acme opened');
    await bus.publish(topics.signals, [asMessage(preparedMeeting('acme'))]);
    await eventually(async () => (await store.streamVersion('acme')) > 1, 60_000, 'the meeting recorded');

    expect((await eventsOf('acme'))[0]).toBe('RelationshipOpened');
  });

  it('dead-letters every kind of poison message and processes the messages after each one', async () => {
    await bus.publish(topics.commands, [asMessage(opened('acme'))]);
    await eventually(async () => (await store.streamVersion('acme')) > 0, 60_000, 'acme opened');
    const versionAfterOpen = await store.streamVersion('acme');

    const good = (n: number) => asMessage(preparedMeeting('acme', `2026-03-0${n + 2}T10:00:00Z`, `meeting-${n}`));
    await bus.publish(topics.signals, [
      { key: 'acme', value: '{"id": "broken' },
      good(1),
      asMessage(signal('invoice.paid', 'acme', { invoiceId: 'INV-1' })),
      good(2),
      asMessage(signal('weather.sunny', 'acme')),
      good(3),
      asMessage(signal('meeting.held', 'nobody', { prepared: true })),
      good(4),
    ]);
    await bus.publish(topics.commands, [
      { key: 'acme', value: 'repair please' },
      asMessage(command('repair.start', 'acme', { strategy: 'check_in_call', ownerId: 'u-sofia', reviewOn: '2026-04-01' })),
    ]);

    const letters = (await readTopic(topics.deadLetter, 6, { where: firstCopy() })).map((m) => ({ key: m.key, headers: m.headers, letter: JSON.parse(m.value!) as DeadLetter }));
    await eventually(async () => (await store.streamVersion('acme')) >= versionAfterOpen + 4, 60_000, 'the four good signals recorded');

    // One relationship's dead letters keep its order; another key may land on another partition.
    const signalLetters = letters.filter((l) => l.letter.source.topic === topics.signals && l.key === 'acme').map((l) => l.letter);
    expect(signalLetters.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'invalid_signal', field: undefined },
      { code: 'invalid_signal', field: 'data.amount' },
      { code: 'invalid_signal', field: 'type' },
    ]);
    expect(letters.find((l) => l.key === 'nobody')!.letter).toMatchObject({ code: 'not_found', field: 'relationshipId' });
    const commandLetters = letters.filter((l) => l.letter.source.topic === topics.commands).map((l) => l.letter);
    expect(commandLetters.map((l) => l.code)).toEqual(['invalid_command', 'wrong_state']);

    const notJson = signalLetters[0]!;
    expect(notJson.original).toEqual({ key: 'acme', value: '{"id": "broken', headers: {} });
    expect(notJson.source).toMatchObject({ topic: topics.signals, offset: expect.stringMatching(/^\d+$/) });
    expect(notJson.message).toMatch(/not JSON/);
    expect(letters.every((l) => l.headers['dead-letter-code'] === l.letter.code)).toBe(true);
    expect(await store.streamVersion('nobody')).toBe(0);
  });

  it('records a signal delivered twice once, and dead-letters neither copy', async () => {
    await bus.publish(topics.commands, [asMessage(opened('acme'))]);
    await eventually(async () => (await store.streamVersion('acme')) > 0, 60_000, 'acme opened');
    const version = await store.streamVersion('acme');
    const meeting = asMessage(preparedMeeting('acme', '2026-03-03T10:00:00Z', 'meeting-once'));
    const markerSignal = preparedMeeting('acme', '2026-03-04T10:00:00Z', 'meeting-after');
    const marker = asMessage(markerSignal);
    const markerInput = parseInput(markerSignal);
    if (!markerInput.ok) throw new Error('the marker signal is valid');
    await bus.publish(topics.signals, [meeting, meeting, marker]);
    await eventually(async () => (await store.isProcessed(idempotencyKeyOf(markerInput.input))), 60_000, 'the marker recorded');

    const recorded = (await store.readStream('acme', version + 1)).map((e) => e.event.causedBy.id);
    expect(recorded).toContain('meeting-once');
    expect(recorded.filter((id) => id === 'meeting-once').length).toBe(recorded.filter((id) => id === 'meeting-after').length);
    expect(await store.readRefusals('acme')).toEqual([]);
  });
});
