// The engine worker on the in-process bus, with the real engine and the in-memory store: the same
// semantics the Kafka tests check on a real broker.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@offramp/domain';
import { InMemoryDeadLetterArchive, InMemoryEventStore } from '@offramp/event-store';
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
    // acme and nobody are keys of different partitions, consumed side by side: order holds per key only.
    const byKey = (key: string) => deadLetters.filter((l) => l.original.key === key).map((l) => l.code);
    expect(byKey('acme')).toEqual(['invalid_signal']);
    expect(byKey('nobody')).toEqual(['not_found']);
    expect(deadLetters.find((l) => l.original.key === 'acme')!.original.value).toBe('not json');
  });

  it('treats a redelivered input as the duplicate it is', async () => {
    const { store, bus, deadLetters } = await running();
    await bus.publish(DEFAULT_TOPICS.commands, [open('acme'), open('acme')]);
    await bus.drained();

    expect((await store.readStream('acme')).every((e) => e.event.causedBy.id === 'open-acme')).toBe(true);
    expect(deadLetters).toEqual([]);
  });
});

/** The real engine, except that inputs with a chosen id fail the way a bug or the database would. */
function failingOn(engine: RelationshipEngine, failures: Record<string, () => Error | null>): RelationshipEngine {
  const handleBatch = engine.handleBatch.bind(engine);
  return Object.assign(Object.create(engine) as RelationshipEngine, {
    handleBatch: async (raws: unknown[]) => {
      for (const raw of raws) {
        const error = failures[(raw as { id: string }).id]?.();
        if (error) throw error;
      }
      return handleBatch(raws);
    },
  });
}

const sqlError = (code: string, message: string) => Object.assign(new Error(message), { code });

async function runningWith(failures: Record<string, () => Error | null>, options: { maxDeadLetterBytes?: number } = {}) {
  const store = new InMemoryEventStore();
  const real = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock('2026-03-01T00:00:00Z'), policy: DEFAULT_POLICY });
  const bus = new InProcessMessageBus({ partitions: 1, redeliveryDelayMs: 5 });
  const deadLetters: DeadLetter[] = [];
  await bus.consume([DEFAULT_TOPICS.deadLetter], async (batch: InboundMessage[]) => { deadLetters.push(...batch.map((m) => JSON.parse(m.value!) as DeadLetter)); });
  const archive = new InMemoryDeadLetterArchive();
  await new EngineWorker({ bus, engine: failingOn(real, failures), archive, ...options }).start();
  await bus.publish(DEFAULT_TOPICS.commands, [open('acme')]);
  await bus.drained();
  return { store, bus, deadLetters, archive };
}

describe('a poison input', () => {
  it.each([
    ['an exception in the handler', () => new TypeError("Cannot read properties of undefined (reading 'at')")],
    ['a database data error (class 22)', () => sqlError('22P05', 'unsupported Unicode escape sequence')],
    ['a program limit exceeded (class 54)', () => sqlError('54000', 'index row size 10016 exceeds btree maximum 2704')],
  ])('%s is dead-lettered unprocessable with its original; the rest of the batch is applied', async (_, failure) => {
    const { store, bus, deadLetters } = await runningWith({ 'm-2': failure });
    await bus.publish(DEFAULT_TOPICS.signals, [meeting('acme', 1), meeting('acme', 2), meeting('acme', 3), meeting('acme', 4)]);
    await bus.drained();

    const causes = (await store.readStream('acme')).map((e) => e.event.causedBy.id);
    expect([...new Set(causes)]).toEqual(['open-acme', 'm-1', 'm-3', 'm-4']);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({ code: 'unprocessable', original: { key: 'acme', value: meeting('acme', 2).value } });
    expect(deadLetters[0]!.message).toContain(failure()!.message);
  });

  it('a transient failure is delivered again until it passes, and nothing is dead-lettered', async () => {
    let failures = 3;
    const { store, bus, deadLetters } = await runningWith({ 'm-1': () => (failures-- > 0 ? sqlError('ECONNREFUSED', 'connect ECONNREFUSED') : null) });
    await bus.publish(DEFAULT_TOPICS.signals, [meeting('acme', 1), meeting('acme', 2)]);
    await bus.drained();
    expect([...new Set((await store.readStream('acme')).map((e) => e.event.causedBy.id))]).toEqual(['open-acme', 'm-1', 'm-2']);
    expect(deadLetters).toEqual([]);
  });

  it('a transient failure in the second half of a split batch repeats none of the first half\'s dead letters', async () => {
    let transient = 1;
    const { store, bus, deadLetters } = await runningWith({
      'm-2': () => new TypeError('a bug'),
      'm-4': () => (transient-- > 0 ? sqlError('ECONNREFUSED', 'connect ECONNREFUSED') : null),
    });
    // Split in halves for m-2: [m-1, not json, m-2] dead-letters two, then [m-3, m-4, m-5] fails
    // for the database and the whole batch is delivered again.
    await bus.publish(DEFAULT_TOPICS.signals, [meeting('acme', 1), { key: 'acme', value: 'not json' }, meeting('acme', 2), meeting('acme', 3), meeting('acme', 4), meeting('acme', 5)]);
    await bus.drained();

    expect(transient).toBeLessThan(0);
    expect(deadLetters.map((l) => [l.code, l.source.offset])).toEqual([['invalid_signal', '1'], ['unprocessable', '2']]);
    expect([...new Set((await store.readStream('acme')).map((e) => e.event.causedBy.id))]).toEqual(['open-acme', 'm-1', 'm-3', 'm-4', 'm-5']);
  });

  it('a message keyed by another relationship is dead-lettered key_mismatch', async () => {
    const { store, bus, deadLetters } = await runningWith({});
    await bus.publish(DEFAULT_TOPICS.signals, [{ ...meeting('acme', 1), key: 'other' }, meeting('acme', 2)]);
    await bus.drained();
    expect(deadLetters.map((l) => [l.code, l.field, l.original.key])).toEqual([['key_mismatch', 'relationshipId', 'other']]);
    expect([...new Set((await store.readStream('acme')).map((e) => e.event.causedBy.id))]).toEqual(['open-acme', 'm-2']);
  });

  it('a dead letter too large for the broker is kept whole and published truncated with its size, hash and row id', async () => {
    const { bus, deadLetters, archive } = await runningWith({}, { maxDeadLetterBytes: 10_000 });
    const huge = JSON.stringify(Array.from({ length: 5_000 }, (_, i) => i));
    await bus.publish(DEFAULT_TOPICS.signals, [{ key: 'acme', value: huge }, meeting('acme', 1)]);
    await bus.drained();
    const kept = (await archive.read('1'))!;
    expect(kept.value!.toString('utf8')).toBe(huge);
    expect(JSON.parse(kept.letter)).toMatchObject({ code: 'invalid_signal', original: { value: huge } });
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({
      code: 'invalid_signal', original: { truncated: true },
      stored: { table: 'dead_letters', id: '1', size: Buffer.byteLength(huge), sha256: createHash('sha256').update(huge).digest('hex') },
    });
    expect(huge.startsWith(deadLetters[0]!.original.value!)).toBe(true);
  });
});

describe('Kafka commands with token auth', () => {
  const signedBy = { id: 'u-sofia', teamId: 'team-north', role: 'manager' as const };
  async function withTokens() {
    const store = new InMemoryEventStore();
    const engine = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock('2026-03-01T00:00:00Z'), policy: DEFAULT_POLICY });
    const bus = new InProcessMessageBus({ partitions: 1 });
    const deadLetters: DeadLetter[] = [];
    await bus.consume([DEFAULT_TOPICS.deadLetter], async (batch: InboundMessage[]) => { deadLetters.push(...batch.map((m) => JSON.parse(m.value!) as DeadLetter)); });
    await new EngineWorker({ bus, engine, commandActor: (h) => (h === 'Bearer good' ? signedBy : null) }).start();
    return { store, bus, deadLetters };
  }

  it('takes the actor from the token, and refuses a command without one or naming another actor as forbidden', async () => {
    const { store, bus, deadLetters } = await withTokens();
    const admin = JSON.stringify({ ...JSON.parse(open('globex').value), actor: { ...actor, role: 'admin' } });
    await bus.publish(DEFAULT_TOPICS.commands, [
      { ...open('acme'), headers: { authorization: 'Bearer good' } },
      open('nobody'),
      { key: 'globex', value: admin, headers: { authorization: 'Bearer good' } },
    ]);
    await bus.drained();
    expect(await store.streamVersion('acme')).toBeGreaterThan(0);
    expect(deadLetters.map((l) => [l.code, l.field, l.original.key])).toEqual([['forbidden', 'authorization', 'nobody'], ['forbidden', 'actor', 'globex']]);
  });
});
