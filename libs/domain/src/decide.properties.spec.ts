// Properties over arbitrary histories of valid and invalid inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RelationshipState } from './state';
import { evolve } from './evolve';
import { LIFECYCLE_STATES } from './model';
import { command, date, day, History, opened, signal, type Raw } from './testing';
import { readScore } from './policy/risk-score';
import { riskReadingOf, viewOf } from './view';

const STEP_NAMES = ['deliverables_completed', 'transition_plan', 'referral_offered', 'final_invoice_paid', 'thanked', 'contact_closed'];
const SIGNAL_TYPES = ['abuse.physical', 'abuse.verbal', 'dishonesty.detected', 'scope.changed', 'price.pressure', 'meeting.missed', 'attitude.negative', 'disrespect.reported'];

/** One input on day `t`, chosen by `pick`; some are malformed or refused on purpose. */
function inputAt(t: number, pick: number, n: number): Raw {
  const on = day(t, `${String(10 + (n % 8)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`);
  const role = n % 11 === 0 ? 'viewer' : n % 5 === 0 ? 'admin' : 'manager';
  const override = n % 3 === 0 ? 'Because.' : undefined;
  switch (pick) {
    case 0: return signal(SIGNAL_TYPES[n % SIGNAL_TYPES.length], { on, id: `s${n}` });
    case 1: return signal('invoice.issued', { on, id: `i${n}`, data: { invoiceId: `I${n % 4}`, amount: 10, dueOn: date(t + (n % 3)) } });
    case 2: return signal('invoice.paid', { on, id: `p${n}`, data: { invoiceId: `I${n % 4}`, amount: 10, paidOn: date(t) } });
    case 3: return signal('message.sent', { on, id: `m${n}`, data: { messageId: `M${n % 5}`, channel: 'email' } });
    case 4: return signal('message.replied', { on, id: `r${n}`, data: { messageId: `M${n % 5}` } });
    case 5: return command('repair.start', { on, id: `c${n}`, role, data: { strategy: 'check_in_call', ownerId: 'u', reviewOn: date(t + 1 + (n % 4)) } });
    case 6: return command('repair.conclude', { on, id: `c${n}`, role, data: { outcome: n % 2 ? 'improved' : 'failed' } });
    case 7: return command('termination.propose', { on, id: `c${n}`, role, data: { reason: 'x' } });
    case 8: return command('contract.review', { on, id: `c${n}`, role, data: { terminationAllowed: n % 4 !== 0, looseEnds: [], paidWorkDelivered: true } });
    case 9: return command('notice.serve', { on, id: `c${n}`, role, override, data: { reason: n % 7 ? 'x' : ['x', 'y'], channel: 'phone', noticeDays: n % 3 } });
    case 10: return command('notice.withdraw', { on, id: `c${n}`, role, data: { reason: 'x' } });
    case 11: return command('offboarding.complete_step', { on, id: `c${n}`, role, override, data: { step: STEP_NAMES[n % STEP_NAMES.length] } });
    case 12: return signal('period.closed', { on, id: `pc${n}`, data: { period: `P${n}`, revenue: 10, cost: n % 2 ? 20 : 5 } });
    default: return { kind: 'signal', id: `bad${n}`, type: 'scope.changed', relationshipId: 'acme', occurredAt: '2025-03-01 10:00', source: 'x', data: {} };
  }
}

const history = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 9 }), pick: fc.integer({ min: 0, max: 13 }), n: fc.nat(1000) }), { maxLength: 30 })
  .map((steps) => { let t = 1; return steps.map((s, i) => { t += s.gap; return inputAt(t, s.pick, s.n * 31 + i); }); });

function run(records: Raw[], onEach?: (h: History) => void): History {
  const h = new History();
  h.record(opened());
  for (const r of records) { h.record(r); onEach?.(h); }
  return h;
}

describe('properties of any history', () => {
  it('the state is always one of the five, phase only in notice, score within 0..100', () => {
    fc.assert(fc.property(history, (records) => {
      run(records, (h) => {
        const v = viewOf(h.states.get('acme')!, h.nowMs);
        expect(LIFECYCLE_STATES).toContain(v.state);
        expect(v.phase === null).toBe(v.state !== 'notice');
        expect(v.riskScore).toBeGreaterThanOrEqual(0);
        expect(v.riskScore).toBeLessThanOrEqual(100);
        if (v.state === 'healthy') expect(v.reasons).toEqual([]);
      });
    }), { numRuns: 60 });
  });

  it('rule 25: the score a view shows is the score read from the relationship\'s reading, now and later', () => {
    fc.assert(fc.property(history, fc.nat(400), (records, laterDays) => {
      run(records, (h) => {
        const state = h.states.get('acme')!;
        for (const at of [h.nowMs, h.nowMs + laterDays * 86_400_000]) expect(viewOf(state, at).riskScore).toBe(readScore(riskReadingOf(state), at));
      });
    }), { numRuns: 60 });
  });

  it('offboarded is absorbing', () => {
    fc.assert(fc.property(history, (records) => {
      let gone = false;
      run(records, (h) => {
        const state = viewOf(h.states.get('acme')!, h.nowMs).state;
        if (gone) expect(state).toBe('offboarded');
        gone = state === 'offboarded';
      });
    }), { numRuns: 60 });
  });

  it('the fold of the events equals the decided state', () => {
    fc.assert(fc.property(history, (records) => {
      const h = run(records);
      const folded = h.streams.get('acme')!.reduce<RelationshipState | null>((s, e) => evolve(s, e), null);
      expect(folded).toEqual(h.states.get('acme'));
    }), { numRuns: 60 });
  });

  it('the same input twice, deduplicated by its key, equals once', () => {
    fc.assert(fc.property(history, fc.nat(), (records, at) => {
      if (!records.length) return;
      const i = at % records.length;
      const twice = [...records.slice(0, i + 1), records[i], ...records.slice(i + 1)];
      expect(run(twice).states.get('acme')).toEqual(run(records).states.get('acme'));
    }), { numRuns: 60 });
  });

  it('the state stays small: no more than a few kilobytes after a long history', () => {
    const records = Array.from({ length: 400 }, (_, i) => inputAt(1 + i * 3, i % 5 === 0 ? 0 : [1, 2, 3, 4, 12][i % 5], i));
    const h = run(records);
    expect(JSON.stringify(h.states.get('acme')).length).toBeLessThan(20_000);
  });
});
