import { describe, it } from 'vitest';
import {
  command, date, day, given, noReasons, opened, reasonsInclude, recorded, refused, signal, stateIs, accepted,
} from '../testing';

const review = (on: string, terminationAllowed = true) => command('contract.review', { on, data: { terminationAllowed, looseEnds: [], paidWorkDelivered: true } });
const serve = (on: string, data: Record<string, unknown> = {}, o: { role?: 'admin' | 'manager'; override?: string } = {}) =>
  command('notice.serve', { on, data: { reason: 'It no longer fits.', channel: 'video', ...data }, ...o });
const step = (name: string, on: string, o: { role?: 'admin' | 'manager'; override?: string } = {}) =>
  command('offboarding.complete_step', { on, data: { step: name }, ...o });
const repairStart = (on: string, reviewOn: string) => command('repair.start', { on, data: { strategy: 'check_in_call', ownerId: 'u-1', reviewOn } });

describe('policy 7: physical abuse and legal risk are a red-flag exit', () => {
  for (const [type, code] of [['abuse.physical', 'physical_abuse'], ['legal.risk_identified', 'legal_risk']] as const) {
    it(`${type} from healthy → notice (preparing)`, () =>
      given(opened()).when(signal(type, { on: day(1) })).then(stateIs('notice', 'preparing'), reasonsInclude(code), recorded('RedFlagExitStarted')));
    it(`${type} from a repair attempt ends the repair`, () =>
      given(opened(), signal('dishonesty.detected', { on: day(1) }), repairStart(day(2), date(20)))
        .when(signal(type, { on: day(3) })).then(stateIs('notice', 'preparing')));
  }
  it('offboarded stays offboarded', () =>
    given(opened(), signal('abuse.physical', { on: day(1) }), review(day(1, '11:00')), serve(day(1, '12:00'), { noticeDays: 0 }),
      step('transition_plan', day(2)), step('contact_closed', day(2, '11:00')))
      .when(signal('legal.risk_identified', { on: day(3) })).then(stateIs('offboarded'), recorded('SignalRecorded')));
});

describe('policy 8: verbal abuse after a warning', () => {
  it('starts a red-flag exit', () =>
    given(opened(), signal('abuse.verbal', { on: day(1) }))
      .when(signal('abuse.verbal', { on: day(9) })).then(stateIs('notice', 'preparing'), reasonsInclude('verbal_abuse')));
  it('does not fire on the first occurrence', () =>
    given(opened()).when(signal('abuse.verbal', { on: day(1) })).then(stateIs('at_risk'), reasonsInclude('verbal_abuse')));
});

describe('policy 9: what a red-flag exit waives', () => {
  const redFlag = [opened(), signal('invoice.issued', { on: day(0, '12:00'), data: { invoiceId: 'I-1', amount: 5, dueOn: date(30) } }), signal('abuse.physical', { on: day(1) })];
  it('no cooling-off, no receivables guard, notice of 0 days allowed', () =>
    given(...redFlag, review(day(1, '11:00'))).when(serve(day(1, '12:00'), { noticeDays: 0 })).then(stateIs('notice', 'served')));
  it('still needs a contract review', () =>
    given(...redFlag).when(serve(day(1, '12:00'))).then(refused('contract_not_reviewed')));
  it('needs only transition_plan and contact_closed', () =>
    given(...redFlag, review(day(1, '11:00')), serve(day(1, '12:00'), { noticeDays: 0 }), step('transition_plan', day(2)))
      .when(step('contact_closed', day(2, '11:00'))).then(stateIs('offboarded')));
  it('in phase served, a red flag keeps the phase and makes it a red-flag exit', () =>
    given(opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } }), review(day(2)), serve(day(5), { noticeDays: 10 }), step('transition_plan', day(6)))
      .when(signal('abuse.physical', { on: day(7) })).then(stateIs('notice', 'served'), recorded('RedFlagExitStarted')));
  it('after which contact_closed needs no referral', () =>
    given(opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } }), review(day(2)), serve(day(5), { noticeDays: 1 }),
      step('transition_plan', day(6)), signal('abuse.physical', { on: day(7) }))
      .when(step('contact_closed', day(8))).then(stateIs('offboarded')));
});

describe('policy 10: fading', () => {
  const slow = [1, 1, 2, 2, 3, 3].map((n, i) => signal(i % 2 ? 'scope.changed' : 'price.pressure', { on: day(n, `1${i}:00`) }));
  it('slow-burner risk fades back to healthy by the daily check once the score is below 30', () =>
    given(opened(), ...slow).after(day(60)).then(stateIs('healthy'), noReasons, recorded('RiskFaded')));
  it('it is still at risk a few days later', () =>
    given(opened(), ...slow).after(day(8)).then(stateIs('at_risk')));
  it('is checked on every input too', () =>
    given(opened(), ...slow).when(signal('meeting.held', { on: day(25), data: { prepared: true } })).then(stateIs('healthy')));
  it('rule 1 reasons do not fade', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) })).after(day(200)).then(stateIs('at_risk'), reasonsInclude('dishonesty')));
  it('at_risk without reasons (after a withdrawn notice) does not fade', () =>
    given(opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } }), command('notice.withdraw', { on: day(2), data: { reason: 'y' } }))
      .after(day(100)).then(stateIs('at_risk'), noReasons));
  it('not while late payments still hold', () =>
    given(opened(), ...[30, 40, 50].map((n, i) => signal('invoice.issued', { on: day(n - 20), data: { invoiceId: `I-${i}`, amount: 1, dueOn: date(n) } })))
      .after(day(100)).then(stateIs('at_risk'), reasonsInclude('late_payments')));
  it('once the late payments leave the 90-day window', () =>
    given(opened(), ...[30, 40, 50].map((n, i) => signal('invoice.issued', { on: day(n - 20), data: { invoiceId: `I-${i}`, amount: 1, dueOn: date(n) } })))
      .after(day(150)).then(stateIs('healthy')));
});

describe('policy 11: repair.start', () => {
  it('from at_risk → repair_attempt', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) })).when(repairStart(day(2), date(20))).then(stateIs('repair_attempt')));
  it('not from healthy', () => given(opened()).when(repairStart(day(2), date(20))).then(refused('wrong_state')));
  it('needs a reviewOn after issuedAt', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) })).when(repairStart(day(2), date(2))).then(refused('invalid_command', 'data.reviewOn')));
  it('needs a strategy', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) }))
      .when(command('repair.start', { on: day(2), data: { ownerId: 'u', reviewOn: date(9) } })).then(refused('invalid_command', 'data.strategy')));
  it('needs an owner', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) }))
      .when(command('repair.start', { on: day(2), data: { strategy: 'new_contract', reviewOn: date(9) } })).then(refused('invalid_command', 'data.ownerId')));
});

describe('policy 12: how a repair ends', () => {
  const inRepair = [opened(), signal('dishonesty.detected', { on: day(1) }), repairStart(day(2), date(20))];
  it('improved → healthy', () =>
    given(...inRepair).when(command('repair.conclude', { on: day(10), data: { outcome: 'improved' } })).then(stateIs('healthy'), noReasons));
  it('failed → at_risk, rule-1 reasons kept', () =>
    given(...inRepair).when(command('repair.conclude', { on: day(10), data: { outcome: 'failed' } })).then(stateIs('at_risk'), reasonsInclude('dishonesty')));
  it('a warning sign before the review date is recorded and does not end it', () =>
    given(...inRepair).when(signal('scope.changed', { on: day(19) })).then(stateIs('repair_attempt'), reasonsInclude('scope_changes')));
  it('a warning sign after the review date ends it as failed', () =>
    given(...inRepair).when(signal('scope.changed', { on: day(21, '00:00') })).then(stateIs('at_risk'), recorded('RepairFailed'), reasonsInclude('scope_changes', 'dishonesty')));
  it('a good sign after the review date does not', () =>
    given(...inRepair).when(signal('meeting.held', { on: day(25), data: { prepared: true } })).then(stateIs('repair_attempt')));
  it('conclude outside a repair is wrong_state', () =>
    given(opened()).when(command('repair.conclude', { on: day(1), data: { outcome: 'improved' } })).then(refused('wrong_state')));
});

describe('policy 13: termination.propose', () => {
  for (const [label, before] of [['healthy', []], ['at_risk', [signal('dishonesty.detected', { on: day(1) })]],
    ['repair_attempt', [signal('dishonesty.detected', { on: day(1) }), repairStart(day(1, '12:00'), date(20))]]] as const) {
    it(`from ${label} → notice (preparing) with 72 hours of cooling-off`, () =>
      given(opened(), ...before).when(command('termination.propose', { on: day(2), data: { reason: 'x' } }))
        .then(stateIs('notice', 'preparing'), recorded('TerminationProposed', (d) => d.coolingOffEndsAt === '2025-03-08T10:00:00.000Z')));
  }
  it('not twice', () =>
    given(opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } }))
      .when(command('termination.propose', { on: day(2), data: { reason: 'x' } })).then(refused('wrong_state')));
});

describe('policy 14: contract.review', () => {
  it('in notice (preparing)', () =>
    given(opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } })).when(review(day(2))).then(accepted, recorded('ContractReviewed')));
  it('not outside notice', () => given(opened()).when(review(day(2))).then(refused('wrong_state')));
  it('the latest review counts', () =>
    given(opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } }), review(day(2)), review(day(3), false))
      .when(serve(day(5))).then(refused('contract_not_reviewed')));
});

describe('policy 15: notice.serve', () => {
  const proposed = [opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } })];
  it('only in notice (preparing)', () => given(opened()).when(serve(day(5))).then(refused('wrong_state')));
  it('refused with cooling_off while it runs (before the review check)', () =>
    given(...proposed).when(serve(day(3))).then(refused('cooling_off')));
  it('cooling-off ends 72 hours after the proposal', () =>
    given(...proposed, review(day(2))).when(serve(day(4))).then(stateIs('notice', 'served')));
  it('refused with contract_not_reviewed without an allowing review', () =>
    given(...proposed).when(serve(day(5))).then(refused('contract_not_reviewed')));
  it('refused with receivables_outstanding while an invoice is unpaid', () =>
    given(...proposed, signal('invoice.issued', { on: day(1), data: { invoiceId: 'I-1', amount: 9, dueOn: date(40) } }), review(day(2)))
      .when(serve(day(5))).then(refused('receivables_outstanding')));
  it('a reason as a list is invalid_command', () =>
    given(...proposed, review(day(2))).when(serve(day(5), { reason: ['a', 'b'] })).then(refused('invalid_command', 'data.reason')));
  it('email or text is accepted with a recorded warning', () =>
    given(...proposed, review(day(2))).when(serve(day(5), { channel: 'email' })).then(stateIs('notice', 'served'), recorded('NoticeServed', (d) => typeof d.warning === 'string')));
  it('noticeDays 0 outside a red-flag exit is invalid_command', () =>
    given(...proposed, review(day(2))).when(serve(day(5), { noticeDays: 0 })).then(refused('invalid_command', 'data.noticeDays')));
  it('the notice period: the command\'s, else the contract\'s, else 30 days', () => {
    given(...proposed, review(day(2))).when(serve(day(5), { noticeDays: 10 })).then(recorded('NoticeServed', (d) => d.noticeDays === 10));
    given(opened('acme', { contract: { startsOn: '2024-01-01', noticeDays: 21 } }), command('termination.propose', { on: day(1), data: { reason: 'x' } }), review(day(2)))
      .when(serve(day(5))).then(recorded('NoticeServed', (d) => d.noticeDays === 21));
    given(...proposed, review(day(2))).when(serve(day(5))).then(recorded('NoticeServed', (d) => d.noticeDays === 30));
  });
});

describe('policy 16: notice.withdraw', () => {
  it('in notice → at_risk', () =>
    given(opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } }))
      .when(command('notice.withdraw', { on: day(2), data: { reason: 'They changed course.' } })).then(stateIs('at_risk')));
  it('not outside notice', () =>
    given(opened()).when(command('notice.withdraw', { on: day(2), data: { reason: 'x' } })).then(refused('wrong_state')));
});

const served = (noticeDays = 10) => [opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } }), review(day(2)), serve(day(5), { noticeDays })];
const allBut = (except: string[]) => ['deliverables_completed', 'transition_plan', 'final_invoice_paid', 'thanked', 'referral_offered']
  .filter((s) => !except.includes(s)).map((s, i) => step(s, day(6, `1${i}:00`)));

describe('policy 17: the exit checklist', () => {
  it('only in phase served', () =>
    given(opened(), command('termination.propose', { on: day(1), data: { reason: 'x' } })).when(step('thanked', day(2))).then(refused('wrong_state')));
  it('contact_closed is refused while a required step is open', () =>
    given(...served(), ...allBut(['thanked'])).when(step('contact_closed', day(7))).then(refused('checklist_incomplete')));
  it('referral is owed to a client that was never abusive', () =>
    given(...served(), ...allBut(['referral_offered'])).when(step('contact_closed', day(7))).then(refused('checklist_incomplete')));
  it('but not after disrespect on record', () =>
    given(opened(), signal('disrespect.reported', { on: day(0, '12:00') }), ...served().slice(1), ...allBut(['referral_offered']))
      .when(step('contact_closed', day(7))).then(accepted));
  it('an admin override closes contact anyway and records the waived steps', () =>
    given(...served(), ...allBut(['thanked'])).when(step('contact_closed', day(7), { role: 'admin', override: 'Client unreachable.' }))
      .then(accepted, recorded('OffboardingStepCompleted', (d) => (d.waived as string[]).includes('thanked')), recorded('GuardOverridden')));
  it('refund_settled is optional', () =>
    given(...served(1), ...allBut([])).when(step('contact_closed', day(7))).then(stateIs('offboarded')));
});

describe('policy 18: offboarded when the notice has ended and the checklist is complete', () => {
  it('checklist first: the notice-end timer offboards', () =>
    given(...served(10), ...allBut([]), step('contact_closed', day(7))).after(day(15, '10:00')).then(stateIs('offboarded'), recorded('RelationshipOffboarded')));
  it('not before the notice ends', () =>
    given(...served(10), ...allBut([]), step('contact_closed', day(7))).after(day(15, '09:59')).then(stateIs('notice', 'served')));
  it('notice first: the last step offboards', () =>
    given(...served(1), ...allBut([]), { until: day(20) }).when(step('contact_closed', day(20))).then(stateIs('offboarded')));
});

describe('policy 19: offboarded is final', () => {
  const gone = [...served(1), ...allBut([]), step('contact_closed', day(7))];
  it('signals are recorded and change nothing', () =>
    given(...gone).when(signal('abuse.physical', { on: day(9) })).then(stateIs('offboarded'), recorded('SignalRecorded')));
  it('commands are refused with wrong_state', () =>
    given(...gone).when(command('termination.propose', { on: day(9), data: { reason: 'x' } })).then(refused('wrong_state')));
  it('relationship.open for an id that exists is wrong_state', () =>
    given(opened()).when(opened('acme', {}, day(2))).then(refused('wrong_state')));
});
