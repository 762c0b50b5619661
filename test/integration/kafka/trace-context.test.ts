// W3C trace context through the engine on the real broker: a `traceparent` that came with an input
// on Kafka (a header, or a CloudEvent's attribute in either mode) is kept on the events the input
// caused, goes out with them on the relationship-events topic (`traceparent` and the CloudEvents
// extension's `ce_traceparent`, with `tracestate`), and the log lines of that work carry its trace id.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@offramp/domain';
import { InMemoryEventStore } from '@offramp/event-store';
import { EngineWorker, KafkaMessageBus, OutboxPublisher, type MessagingTopics } from '@offramp/messaging';
import { InMemoryCheckpoints } from '@offramp/processing';
import { createLogger } from '@offramp/observability';
import { RelationshipEngine, type StoredEvent } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { eventually, readTopic, testBrokers, uniqueName, type ReadMessage } from '../../support/kafka';
import { topicsFor } from '../../support/topics';
import { asMessage, opened, signal } from './inputs';

/** A traceparent of a trace id made for one test (version 00, sampled). */
const traceparentOf = (n: number): string => `00-${uniqueName('t').slice(2).padEnd(24, '0')}${String(n).padStart(8, '0')}-00f067aa0ba902b7-01`;
const traceIdOf = (traceparent: string): string => traceparent.split('-')[1]!;

let topics: MessagingTopics;
let store: InMemoryEventStore;
let bus: KafkaMessageBus;
let outbox: OutboxPublisher;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  topics = topicsFor(uniqueName('trace'));
  store = new InMemoryEventStore();
  const engine = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock('2026-03-01T00:00:00Z'), policy: DEFAULT_POLICY });
  bus = new KafkaMessageBus({ brokers: testBrokers(), topics, groupId: uniqueName('engine'), partitions: 2, logger: createLogger({ level: 'silent' }), maxWaitTimeInMs: 100 });
  await bus.start();
  const captured = new Writable({ write(chunk: Buffer, _encoding, done) { for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>); done(); } });
  await new EngineWorker({ bus, engine, topics, logger: pino({ level: 'debug' }, captured) }).start();
  outbox = new OutboxPublisher({ store, bus, checkpoints: new InMemoryCheckpoints(), topic: topics.events, name: uniqueName('outbox') });
});

afterAll(async () => {
  await bus.stop();
});

/** Waits for the relationship's events to be stored, publishes them, and reads them back from Kafka. */
async function publishedEventsOf(relationshipId: string, atLeast: number): Promise<{ message: ReadMessage; stored: StoredEvent }[]> {
  await eventually(async () => (await store.streamVersion(relationshipId)) >= atLeast, 60_000, `${relationshipId} has ${atLeast} events`);
  await outbox.publishPending();
  const version = await store.streamVersion(relationshipId);
  const seen = new Set<string>();
  const read = await readTopic(topics.events, version, { where: (m) => m.key === relationshipId && !seen.has(m.headers['event-id']!) && Boolean(seen.add(m.headers['event-id']!)) });
  return read.map((message) => ({ message, stored: JSON.parse(message.value!) as StoredEvent }));
}

const causedBy = (id: string) => (e: { stored: StoredEvent }) => e.stored.event.causedBy.id === id;

describe('trace context from Kafka to Kafka', () => {
  it('given a command with a traceparent header, the events it caused go out with it, caused by the command', async () => {
    const traceparent = traceparentOf(1);
    const open = opened(uniqueName('acme'));
    await bus.publish(topics.commands, [{ ...asMessage(open), headers: { traceparent, tracestate: 'offramp=1' } }]);

    const events = await publishedEventsOf(open.relationshipId, 1);
    expect(events.length).toBeGreaterThan(0);
    for (const { message, stored } of events) {
      expect(stored.event).toMatchObject({ trace: { traceparent, tracestate: 'offramp=1' }, causedBy: { kind: 'command', id: open.id } });
      expect(message.headers).toMatchObject({ traceparent, ce_traceparent: traceparent, tracestate: 'offramp=1', ce_tracestate: 'offramp=1' });
    }
  });

  it('given signals with a trace context as a header, as binary and as structured CloudEvents, each one\'s events carry its own', async () => {
    const open = opened(uniqueName('bolt'));
    await bus.publish(topics.commands, [asMessage(open)]);
    const id = open.relationshipId;
    const [header, binary, structured] = [2, 3, 4].map(traceparentOf) as [string, string, string];
    const envelope = signal('meeting.held', id, { prepared: true }, '2026-03-02T10:00:00Z');
    const asBinary = { id: uniqueName('crm'), source: 'crm', type: 'time.logged', time: '2026-03-02T11:00:00Z' };
    const asStructured = { id: uniqueName('crm'), source: 'crm', type: 'meeting.missed', time: '2026-03-02T12:00:00Z' };
    await bus.publish(topics.signals, [
      { ...asMessage(envelope), headers: { traceparent: header } },
      {
        key: id, value: JSON.stringify({ hours: 2 }),
        headers: { ce_specversion: '1.0', ce_id: asBinary.id, ce_source: asBinary.source, ce_type: asBinary.type, ce_subject: id, ce_time: asBinary.time, ce_traceparent: binary, 'content-type': 'application/json' },
      },
      {
        key: id,
        value: JSON.stringify({ specversion: '1.0', ...asStructured, subject: id, datacontenttype: 'application/json', traceparent: structured, data: {} }),
        headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
      },
    ]);

    const events = await publishedEventsOf(id, 4);
    for (const [inputId, traceparent] of [[envelope.id, header], [asBinary.id, binary], [asStructured.id, structured]] as const) {
      const caused = events.filter(causedBy(inputId));
      expect(caused.length, inputId).toBeGreaterThan(0);
      for (const { message, stored } of caused) {
        expect(stored.event.trace, inputId).toEqual({ traceparent });
        expect(message.headers, inputId).toMatchObject({ traceparent, ce_traceparent: traceparent });
      }
    }
    expect(events.filter(causedBy(open.id)).every(({ message, stored }) => stored.event.trace === undefined && message.headers.traceparent === undefined)).toBe(true);
  });

  it('given traced inputs, the log lines of deciding them carry their trace id, and so does a dead letter\'s', async () => {
    const accepted = traceparentOf(5);
    const refused = traceparentOf(6);
    const open = opened(uniqueName('cove'));
    await bus.publish(topics.commands, [{ ...asMessage(open), headers: { traceparent: accepted } }]);
    await bus.publish(topics.signals, [{ ...asMessage(signal('meeting.held', uniqueName('nobody'), { prepared: true })), headers: { traceparent: refused } }]);

    await eventually(() => logs.some((l) => l.trace_id === traceIdOf(refused) && String(l.msg).startsWith('input dead-lettered')), 60_000, 'the dead letter logged');
    await eventually(() => logs.some((l) => l.trace_id === traceIdOf(accepted)), 60_000, 'the accepted input logged');
    expect(logs.find((l) => l.trace_id === traceIdOf(accepted))).toMatchObject({ msg: 'input accepted', span_id: '00f067aa0ba902b7', traceparent: accepted, key: open.relationshipId });
    expect(logs.find((l) => String(l.msg).startsWith('input dead-lettered') && l.trace_id === traceIdOf(refused))).toMatchObject({ code: 'not_found', traceparent: refused });
  });
});
