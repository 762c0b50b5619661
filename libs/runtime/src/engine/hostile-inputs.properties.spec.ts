// Hostile inputs against the catalogue and the engine: strings with NUL and lone surrogates, huge
// and deeply nested values, extreme numbers and dates, prototype keys and ids, each put in place of
// a field of a valid signal or command. Every one is refused with a code or accepted, never thrown,
// and whatever is accepted can be stored by PostgreSQL and fires its timers inside its range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parseInput, REFUSAL_CODES, timersFor, type RelationshipState } from '@offramp/domain';
import { InMemoryEventStore } from '@offramp/event-store';
import { ManualClock } from '@offramp/timers';
import { command, march, opened, signal } from '../testing/history';
import { RelationshipEngine } from './relationship-engine';

type Raw = Record<string, unknown>;

function nested(depth: number, leaf: unknown = 1, array = false): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Values that have broken or could break something behind the catalogue. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'a\u0000b', '\u0000', '\ud800', 'x\udfff', '\udc00\ud800', 'x'.repeat(10_001), 'y'.repeat(300), '',
    '9999-12-31T23:00:00Z', '0000-01-01', '9999-12-31', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z',
    '1899-12-31T23:59:59Z', '2200-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2026-02-30', '2026-03-02T25:00:00Z',
    1e12, -1e12, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2, -0, 0.1 + 0.2,
    Infinity, -Infinity, NaN, true, false, null, [], {}, [[[]]],
    ...PROTOTYPE_KEYS,
  ),
  fc.constantFrom(10_000, 5_000, 17, 16, 15).chain((depth) => fc.boolean().map((array) => nested(depth, 'x', array))),
  fc.array(fc.constant('z'), { minLength: 5_001, maxLength: 5_002 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udc00', 'a', '😀', ':'), maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'a\u0000', '\ud800'), fc.constant(1), { maxKeys: 3 }),
);

/** Paths of fields a hostile value may replace or be added at. */
const FIELDS = [
  ['id'], ['type'], ['relationshipId'], ['source'], ['occurredAt'], ['issuedAt'], ['data'], ['kind'],
  ['actor'], ['actor', 'id'], ['actor', 'teamId'], ['actor', 'role'], ['override'], ['override', 'reason'],
  ['data', 'invoiceId'], ['data', 'amount'], ['data', 'dueOn'], ['data', 'paidOn'], ['data', 'messageId'],
  ['data', 'channel'], ['data', 'hours'], ['data', 'description'], ['data', 'period'], ['data', 'revenue'],
  ['data', 'cost'], ['data', 'competitorPrice'], ['data', 'clientName'], ['data', 'teamId'], ['data', 'responseWindowHours'],
  ['data', 'monthlyBudgetHours'], ['data', 'contract'], ['data', 'contract', 'startsOn'], ['data', 'contract', 'noticeDays'],
  ['data', 'contract', 'monthlyFee'], ['data', 'agreedHours'], ['data', 'agreedHours', 'days'], ['data', 'agreedHours', 'timeZone'],
  ['data', 'reviewOn'], ['data', 'ownerId'], ['data', 'reason'], ['data', 'noticeDays'], ['data', 'looseEnds'],
  ['data', 'talkingPoints'], ['data', 'note'], ['data', 'extra'], ['data', '__proto__'], ['__proto__'], ['data', 'deep', 'er'],
];

function replaced(raw: Raw, path: string[], value: unknown): Raw {
  const copy = structuredClone(raw);
  let at: Raw = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) Object.defineProperty(at, key, { value: {}, enumerable: true, writable: true, configurable: true });
    at = at[key] as Raw;
  }
  Object.defineProperty(at, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const R = 'acme';
/** Valid inputs of every shape the rules compute with, to be spoiled one field at a time. */
const TEMPLATES: Raw[] = [
  opened(R, march(2, '09:00'), {
    responseWindowHours: 48, monthlyBudgetHours: 10, contract: { startsOn: '2026-01-01', noticeDays: 30, monthlyFee: 100 },
    agreedHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', timeZone: 'Europe/Berlin' },
  }),
  signal(R, 'message.sent', march(3), { messageId: 'm-1', channel: 'email' }),
  signal(R, 'message.replied', march(4), { messageId: 'm-1' }),
  signal(R, 'message.received', march(4, '23:00'), { channel: 'chat' }),
  signal(R, 'invoice.issued', march(3), { invoiceId: 'INV-1', amount: 100, dueOn: '2026-03-10' }),
  signal(R, 'invoice.paid', march(12), { invoiceId: 'INV-1', amount: 100, paidOn: '2026-03-12' }),
  signal(R, 'invoice.disputed', march(5), { invoiceId: 'INV-1', reason: 'too much' }),
  signal(R, 'time.logged', march(5), { hours: 8 }),
  signal(R, 'period.closed', march(6), { period: '2026-02', revenue: 10, cost: 20 }),
  signal(R, 'price.pressure', march(6), { competitorPrice: 5 }),
  signal(R, 'abuse.verbal', march(7), { description: 'shouted' }),
  signal(R, 'meeting.held', march(7), { prepared: true }),
  signal(R, 'feedback.received', march(7), { sentiment: 'negative' }),
  command(R, 'repair.start', march(8), { strategy: 'check_in_call', ownerId: 'u-1', reviewOn: '2026-03-20' }),
  command(R, 'termination.propose', march(9), { reason: 'no repair' }),
  command(R, 'contract.review', march(10), { terminationAllowed: true, looseEnds: ['x'], paidWorkDelivered: true }),
  command(R, 'notice.serve', march(20), { reason: 'done', channel: 'video', noticeDays: 10, talkingPoints: ['a'] }),
  command(R, 'offboarding.complete_step', march(21), { step: 'thanked', note: 'ok' }),
];

const hostileInput = fc.record({
  template: fc.nat(TEMPLATES.length - 1),
  field: fc.nat(FIELDS.length - 1),
  value: hostileValue,
  id: fc.oneof(fc.nat(50).map((n) => `h-${n}`), fc.constantFrom(...PROTOTYPE_KEYS)),
}).map(({ template, field, value, id }) => {
  return replaced({ ...TEMPLATES[template], id }, FIELDS[field]!, value);
});

/** A relationship opened (perhaps with hostile settings), hostile inputs, then valid ones that compute with what was stored. */
const hostileHistory = fc.tuple(
  fc.option(hostileInput.filter((raw) => raw.type === 'relationship.open'), { nil: undefined }),
  fc.array(hostileInput, { minLength: 6, maxLength: 10 }),
);

const FOLLOW_UP = [
  signal(R, 'message.sent', march(25), { messageId: 'm-9', channel: 'email' }, { id: 'after-1' }),
  signal(R, 'invoice.issued', march(25), { invoiceId: '__proto__', amount: 1, dueOn: '2026-03-26' }, { id: 'after-2' }),
  signal(R, 'invoice.issued', march(25), { invoiceId: 'INV-9', amount: 1, dueOn: '2026-03-26' }, { id: 'after-3' }),
  signal(R, 'invoice.paid', march(27), { invoiceId: 'INV-9', amount: 1, paidOn: '2026-03-27' }, { id: 'after-4' }),
  signal(R, 'invoice.paid', march(27), { invoiceId: '__proto__', amount: 1, paidOn: '2026-03-27' }, { id: 'after-5' }),
];

const RUNS = 1_000;
const PG_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const storable = (value: unknown) => {
  const json = JSON.stringify(value);
  expect(json).not.toContain('\\u0000');
  expect(json).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i);
};

describe('hostile inputs', () => {
  it(`the catalogue refuses with a code or accepts, never throws (${RUNS * 10} inputs)`, () => {
    fc.assert(fc.property(fc.array(hostileInput, { minLength: 10, maxLength: 10 }), (raws) => {
      for (const raw of raws) {
        const parsed = parseInput(raw);
        if (parsed.ok) storable(parsed.input);
        else expect(['invalid_signal', 'invalid_command']).toContain(parsed.refusal.code);
      }
    }), { numRuns: RUNS });
  }, 120_000);

  it(`the engine refuses with a code or accepts, stores what PostgreSQL can hold and fires timers in its range (≥ ${RUNS * 10} inputs)`, async () => {
    let inputs = 0;
    await fc.assert(fc.asyncProperty(hostileHistory, async ([open, raws]) => {
      const store = new InMemoryEventStore();
      const clock = new ManualClock(march(2));
      const engine = new RelationshipEngine({ store, timers: store.timers, clock, policy: DEFAULT_POLICY });
      const all = [open ?? TEMPLATES[0]!, ...raws, ...FOLLOW_UP];
      for (const raw of all) {
        inputs += 1;
        const result = await engine.handle(raw);
        if (result.status === 'refused') expect(REFUSAL_CODES).toContain(result.refusal.code);
        else expect(['accepted', 'duplicate']).toContain(result.status);
        if (result.status === 'accepted') storable(result.events);
      }
      const batch = await engine.handleBatch(all.map((raw, i) => ({ ...raw, relationshipId: 'beta', id: typeof raw.id === 'string' ? `b-${raw.id}` : i })));
      inputs += all.length;
      for (const result of batch) expect(['accepted', 'duplicate', 'refused']).toContain(result.status);
      const current = await engine.state(R);
      if (current) {
        for (const timer of timersFor(current.state as RelationshipState, DEFAULT_POLICY)) {
          expect(timer.dueAt).toMatch(PG_TIME);
          storable(timer);
        }
        storable(current.state);
      }
      clock.set('2199-12-31T00:00:00Z');
      await engine.fireDueTimers(1_000);
    }), { numRuns: RUNS / 2 });
    expect(inputs).toBeGreaterThanOrEqual(RUNS * 10);
    // Thousands of decisions through the engine: the unit default of 5 s is for one decision, not this.
  }, 300_000);
});
