import { describe, expect, it } from 'vitest';
import type { DomainEvent, TimerSpec } from '@offramp/domain';
import { VersionConflictError, type AppendRequest } from '@offramp/runtime';
import { InMemoryEventStore } from './in-memory-event-store';

const fact = (type: string, relationshipId = 'acme'): DomainEvent => ({
  type, relationshipId, at: '2026-03-02T09:30:00Z', policyVersion: 'test',
  causedBy: { kind: 'signal', id: 's-1', type: 'invoice.paid', at: '2026-03-02T09:30:00Z' }, data: {},
});
const timer = (id: string, dueAt: string, relationshipId = 'acme'): TimerSpec => ({ id, type: 'reply', relationshipId, dueAt, data: {} });
const request = (streamId: string, expectedVersion: number, types: string[], extra: Partial<AppendRequest> = {}): AppendRequest =>
  ({ streamId, expectedVersion, events: types.map((t) => fact(t, streamId)), ...extra });

describe('in-memory event store', () => {
  it('numbers a stream from 1 and the global order across streams', async () => {
    const store = new InMemoryEventStore();
    await store.append(request('acme', 0, ['Opened', 'MarkedAtRisk']));
    await store.append(request('basalt', 0, ['Opened']));
    const acme = await store.readStream('acme');
    expect(acme.map((e) => [e.version, e.type])).toEqual([[1, 'Opened'], [2, 'MarkedAtRisk']]);
    expect((await store.readStream('basalt'))[0].globalPosition).toBe(3);
    expect(await store.readStream('acme', 2)).toHaveLength(1);
    expect(await store.streamVersion('acme')).toBe(2);
    expect(await store.streamVersion('never')).toBe(0);
  });

  it('refuses an append made on a stale version and keeps nothing of it', async () => {
    const store = new InMemoryEventStore();
    await store.append(request('acme', 0, ['Opened']));
    await expect(store.append(request('acme', 0, ['Opened'], { idempotencyKey: 'command:x' }))).rejects.toThrow(VersionConflictError);
    expect(await store.streamVersion('acme')).toBe(1);
    expect(await store.isProcessed('command:x')).toBe(false);
  });

  it('returns the original result for a used idempotency key, on any stream', async () => {
    const store = new InMemoryEventStore();
    const first = await store.append(request('acme', 0, ['Opened'], { idempotencyKey: 'command:ops-1' }));
    const again = await store.append(request('basalt', 0, ['Opened'], { idempotencyKey: 'command:ops-1' }));
    expect(again).toEqual({ ...first, status: 'duplicate' });
    expect(await store.streamVersion('basalt')).toBe(0);
  });

  it('keeps nothing of a batch when one of its appends conflicts', async () => {
    const store = new InMemoryEventStore();
    await store.append(request('basalt', 0, ['Opened']));
    const batch = [
      request('acme', 0, ['Opened'], { idempotencyKey: 'k1', timers: [timer('acme/reply/m1', '2026-03-04T00:00:00Z')] }),
      request('basalt', 0, ['Opened']),
    ];
    await expect(store.appendMany(batch)).rejects.toThrow(VersionConflictError);
    expect(await store.streamVersion('acme')).toBe(0);
    expect(await store.isProcessed('k1')).toBe(false);
    expect(await store.timers.pending()).toEqual([]);
  });

  it('appends one stream several times in one batch, in order', async () => {
    const store = new InMemoryEventStore();
    const results = await store.appendMany([
      request('acme', 0, ['Opened'], { idempotencyKey: 'a' }),
      request('acme', 1, ['MarkedAtRisk'], { idempotencyKey: 'b' }),
      request('acme', 2, ['Ignored'], { idempotencyKey: 'a' }),
    ]);
    expect(results.map((r) => [r.status, r.fromVersion, r.toVersion])).toEqual([
      ['appended', 1, 1], ['appended', 2, 2], ['duplicate', 1, 1],
    ]);
  });

  it('makes the stream timers exactly the set an append carries', async () => {
    const store = new InMemoryEventStore();
    await store.append(request('acme', 0, ['Opened'], { timers: [timer('acme/reply/m1', '2026-03-04T00:00:00Z'), timer('acme/due/i1', '2026-03-05T00:00:00Z')] }));
    await store.append(request('acme', 1, ['Replied'], { timers: [timer('acme/due/i1', '2026-03-05T00:00:00Z')] }));
    await store.append(request('acme', 2, ['Noted']));
    expect((await store.timers.pending('acme')).map((t) => t.id)).toEqual(['acme/due/i1']);
  });

  it('tails the global order with an opaque checkpoint', async () => {
    const store = new InMemoryEventStore();
    await store.append(request('acme', 0, ['A', 'B', 'C']));
    const first = await store.readAll(null, 2);
    expect(first.events.map((e) => e.type)).toEqual(['A', 'B']);
    const second = await store.readAll(first.checkpoint, 2);
    expect(second.events.map((e) => e.type)).toEqual(['C']);
    const third = await store.readAll(second.checkpoint, 2);
    expect(third).toEqual({ events: [], checkpoint: second.checkpoint });
  });

  it('keeps refusals for the timeline, per relationship', async () => {
    const store = new InMemoryEventStore();
    const refusal = { code: 'wrong_state' as const, message: 'no' };
    await store.recordRefusals([
      { relationshipId: 'acme', inputKind: 'command', inputId: 'c1', inputType: 'notice.serve', at: '2026-03-02T09:30:00Z', refusal, input: {} },
      { relationshipId: 'basalt', inputKind: 'command', inputId: 'c2', inputType: 'notice.serve', at: '2026-03-02T09:30:00Z', refusal, input: {} },
    ]);
    expect((await store.readRefusals('acme')).map((r) => [r.inputId, r.position])).toEqual([['c1', 1]]);
  });

  describe('without retained events (simulation)', () => {
    it('keeps the version, the latest snapshot and the idempotency keys only', async () => {
      const store = new InMemoryEventStore({ retainEvents: false });
      const snapshot = { streamId: 'acme', version: 2, machineVersion: 'm', policyVersion: 'p', state: { n: 2 } };
      const result = await store.append(request('acme', 0, ['Opened', 'MarkedAtRisk'], { idempotencyKey: 'k', snapshot }));
      expect(result.events).toHaveLength(2);
      expect(await store.streamVersion('acme')).toBe(2);
      expect(await store.readSnapshot('acme')).toEqual(snapshot);
      expect(await store.isProcessed('k')).toBe(true);
      expect(await store.readStream('acme')).toEqual([]);
      expect((await store.readAll(null, 10)).events).toEqual([]);
    });
  });
});
