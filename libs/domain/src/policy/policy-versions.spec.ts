// policy-v2 is the default; policy-v1 stays a value. Events are facts: a stream decided under v1
// replays to the same state with today's evolve, and extending it under v2 keeps every v1 fact.
import { describe, expect, it } from 'vitest';
import { evolve } from '../evolve';
import { upcast } from '../events';
import type { DomainEvent } from '../events/catalogue';
import type { RelationshipState } from '../state';
import { History, day, given, invoiceIssued, invoicePaid, opened, recordedEvents, recordedSteps, signal, type Raw } from '../testing';
import recordedV1 from '../testing/recorded/policy-v1-globex.json';
import { viewOf } from '../view';
import { DEFAULT_POLICY, POLICY_V1, POLICY_V2 } from './default-policy';

const v1Stream = recordedEvents(recordedV1.events);
const v1Steps = recordedSteps(recordedV1.steps);

/**
 * A command's first fact now carries the command as given (`causedBy.command`), and events say their
 * schema version (absent: 1); it was recorded before both.
 */
const withoutCommands = (events: DomainEvent[]) => events.map((e) => {
  const { command: _, ...causedBy } = e.causedBy;
  return { ...e, schemaVersion: e.schemaVersion ?? 1, causedBy };
});

function replay(history: History, steps: Raw[]): History {
  for (const step of steps) {
    if (Object.keys(step).length === 1 && typeof step.until === 'string') history.advanceTo(step.until);
    else history.record(step);
  }
  return history;
}

describe('policy versions', () => {
  it('the default policy is policy-v2', () => {
    expect(DEFAULT_POLICY).toBe(POLICY_V2);
    expect(DEFAULT_POLICY.version).toBe('policy-v2');
  });

  it('every event decided by default records policyVersion policy-v2', () => {
    const h = replay(new History(), v1Steps);
    const events = h.streams.get('globex')!;
    expect(events.length).toBeGreaterThan(10);
    expect(new Set(events.map((e) => e.policyVersion))).toEqual(new Set(['policy-v2']));
  });

  it('policy-v1 is kept as a value and still decides as v1 did', () =>
    given(POLICY_V1, opened()).when(signal('dishonesty.detected', { on: day(1) })).then((o) => {
      expect(o.events.every((e) => e.policyVersion === 'policy-v1')).toBe(true);
      expect(o.view!.riskScore).toBe(0);
    }));

  it('every field of a policy is plain data (it can be written as JSON)', () => {
    for (const p of [POLICY_V1, POLICY_V2]) expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

describe('a stream recorded under policy-v1', () => {
  it('was decided by policy-v1', () => expect(new Set(v1Stream.map((e) => e.policyVersion))).toEqual(new Set(['policy-v1'])));

  it('replays to the state deciding its records under policy-v1 reaches today', () => {
    const folded = v1Stream.reduce<RelationshipState | null>((s, e) => evolve(s, e), null);
    const decided = replay(new History(POLICY_V1), v1Steps);
    expect(folded).toEqual(decided.states.get('globex'));
    // Read as the store reads it: at each type's current schema version.
    expect(withoutCommands(decided.streams.get('globex')!)).toEqual(withoutCommands(v1Stream.map(upcast)));
  });

  it('keeps its v1 facts when extended under policy-v2, and v2 decides what comes after', () => {
    const h = new History(POLICY_V2);
    const folded = v1Stream.reduce<RelationshipState | null>((s, e) => evolve(s, e), null)!;
    h.states.set('globex', folded);
    h.streams.set('globex', [...v1Stream]);
    // Under v1 the withdrawn notice erased the dishonesty and a payment of 10 closed a 2,000 invoice: facts now.
    expect(viewOf(folded, Date.parse('2026-01-28T09:00:00Z'), POLICY_V2).reasons).toEqual([]);
    h.record(invoiceIssued('G-3', 900, '2026-03-01', '2026-02-02', 'globex'));
    h.record(invoicePaid('G-3', 100, '2026-02-03', '2026-02-03', 'globex'));
    const flagged = h.record(signal('abuse.physical', { on: '2026-02-04T10:00:00Z', relationshipId: 'globex' }));
    const added = h.streams.get('globex')!.slice(v1Stream.length);
    expect(h.streams.get('globex')!.slice(0, v1Stream.length)).toEqual(v1Stream);
    expect(added.every((e) => e.policyVersion === 'policy-v2')).toBe(true);
    expect(flagged.decision.outcome).toBe('accepted');
    const view = viewOf(h.states.get('globex')!, Date.parse('2026-02-04T10:00:00Z'), POLICY_V2);
    expect(view).toMatchObject({ state: 'notice', phase: 'preparing', riskScore: 100 });
    // The partial payment under v2 leaves G-3 open, with 800 remaining.
    const g3 = h.states.get('globex')!.invoices['G-3'];
    expect(g3).toMatchObject({ amount: 900, paid: 100 });
  });
});
