// Path coverage: every state and every transition of the machine is reached by driving decide
// with real inputs along the machine's shortest paths (@xstate/graph).
import { getShortestPaths } from '@xstate/graph';
import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { lifecycleMachine, machineDefinitionJson, MACHINE_VERSION, type LifecycleEvent } from './lifecycle-machine';
import { command, date, day, History, opened, signal, type Raw } from '../testing';
import { viewOf } from '../view';

const EVENTS: LifecycleEvent[] = [
  { type: 'RISK_DETECTED' }, { type: 'WARNING_AFTER_REVIEW' }, { type: 'RED_FLAG' }, { type: 'REPAIR_START' },
  { type: 'REPAIR_CONCLUDE', outcome: 'improved' }, { type: 'REPAIR_CONCLUDE', outcome: 'failed' }, { type: 'TERMINATION_PROPOSE' },
  { type: 'CONTRACT_REVIEW' }, { type: 'NOTICE_SERVE' }, { type: 'NOTICE_WITHDRAW' }, { type: 'STEP_COMPLETE' }, { type: 'OFFBOARD' }, { type: 'FADE' },
];

/** The inputs that make decide take a machine event, starting on day `t`; returns the next free day. */
function drive(event: LifecycleEvent, t: number, records: (Raw | { until: string })[]): number {
  const admin = { role: 'admin' as const, override: 'Path coverage.' };
  switch (event.type) {
    case 'RISK_DETECTED':
      for (let i = 0; i < 6; i++) records.push(signal(i % 2 ? 'scope.changed' : 'price.pressure', { on: day(t, `1${i}:00`) }));
      return t + 1;
    case 'WARNING_AFTER_REVIEW': records.push(signal('attitude.negative', { on: day(t + 2) })); return t + 3;
    case 'RED_FLAG': records.push(signal('abuse.physical', { on: day(t) })); return t + 1;
    case 'REPAIR_START': records.push(command('repair.start', { on: day(t), data: { strategy: 'self_reflection', ownerId: 'u', reviewOn: date(t + 1) } })); return t + 1;
    case 'REPAIR_CONCLUDE': records.push(command('repair.conclude', { on: day(t), data: { outcome: event.outcome } })); return t + 1;
    case 'TERMINATION_PROPOSE': records.push(command('termination.propose', { on: day(t), data: { reason: 'x' } })); return t + 1;
    case 'CONTRACT_REVIEW': records.push(command('contract.review', { on: day(t), data: { terminationAllowed: true, looseEnds: [], paidWorkDelivered: true } })); return t + 1;
    case 'NOTICE_SERVE': records.push(command('notice.serve', { on: day(t), data: { reason: 'x', channel: 'video', noticeDays: 1 }, ...admin })); return t + 1;
    case 'NOTICE_WITHDRAW': records.push(command('notice.withdraw', { on: day(t), data: { reason: 'x' } })); return t + 1;
    case 'STEP_COMPLETE': records.push(command('offboarding.complete_step', { on: day(t), data: { step: 'thanked' } })); return t + 1;
    case 'OFFBOARD': records.push(command('offboarding.complete_step', { on: day(t + 2), data: { step: 'contact_closed' }, ...admin })); return t + 3;
    case 'FADE': records.push({ until: day(t + 60) }); return t + 61;
  }
}

const valueOf = (v: unknown) => (typeof v === 'string' ? { state: v, phase: null } : { state: 'notice', phase: (v as { notice: string }).notice });

describe('the lifecycle machine', () => {
  const paths = getShortestPaths(lifecycleMachine, { events: EVENTS });
  const transitions = paths.flatMap((path) => EVENTS.map((event) => ({ path, event, next: transition(lifecycleMachine, path.state, event)[0] }))
    .filter(({ path, next, event }) => next !== path.state || path.state.can(event)));

  it('reaches all five states and both notice phases', () => {
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const v of ['"healthy"', '"at_risk"', '"repair_attempt"', '{"notice":"preparing"}', '{"notice":"served"}', '"offboarded"']) expect(reached).toContain(v);
  });

  it.each(transitions.map((t) => [`${JSON.stringify(t.path.state.value)}${t.path.state.context.redFlagExit ? ' (red flag)' : ''} --${t.event.type}${'outcome' in t.event ? `:${t.event.outcome}` : ''}--> ${JSON.stringify(t.next.value)}`, t] as const))(
    'decide takes %s',
    (_label, { path, event, next }) => {
      const records: (Raw | { until: string })[] = [opened()];
      let t = 1;
      const steps = [...path.steps.map((s) => s.event as { type: string }), event];
      for (const step of steps) if (step.type !== 'xstate.init') t = drive(step as LifecycleEvent, t, records);
      const h = new History();
      for (const r of records) {
        if ('until' in r && Object.keys(r).length === 1) h.advanceTo(r.until as string);
        else h.record(r);
      }
      const view = viewOf(h.states.get('acme')!, h.nowMs);
      expect({ state: view.state, phase: view.phase }).toEqual(valueOf(next.value));
      expect(h.outcomes.filter((o) => o.decision.outcome === 'refused')).toEqual([]);
    },
  );

  it('offboarded is final', () => {
    const offboarded = lifecycleMachine.resolveState({ value: 'offboarded', context: { redFlagExit: false } });
    for (const e of EVENTS) expect(transition(lifecycleMachine, offboarded, e)[0]).toBe(offboarded);
  });

  it('publishes its definition and a version', () => {
    expect(MACHINE_VERSION).toMatch(/\S/);
    expect(JSON.stringify(machineDefinitionJson())).toContain('repair_attempt');
  });
});
