import { describe, it } from 'vitest';
import { DEFAULT_POLICY } from './default-policy';
import {
  date, day, given, notRecorded, opened, reasonsExclude, reasonsInclude, recorded, signal, stateIs, scoreIs,
} from '../testing';

const invoice = (id: string, dueDay: number, issuedDay = dueDay - 20) =>
  signal('invoice.issued', { on: day(issuedDay), source: 'billing', data: { invoiceId: id, amount: 100, dueOn: date(dueDay) } });
const paid = (id: string, onDay: number) =>
  signal('invoice.paid', { on: day(onDay), source: 'billing', data: { invoiceId: id, amount: 100, paidOn: date(onDay) } });
const sent = (id: string, onDay: number) => signal('message.sent', { on: day(onDay), source: 'mail', data: { messageId: id, channel: 'email' } });
const replied = (id: string, onDay: number) => signal('message.replied', { on: day(onDay), source: 'mail', data: { messageId: id } });
const period = (onDay: number, revenue: number, cost: number) =>
  signal('period.closed', { on: day(onDay), source: 'finance', data: { period: date(onDay).slice(0, 7), revenue, cost } });

describe('policy 1: serious signs put a healthy relationship at risk at once', () => {
  for (const [type, code] of [
    ['abuse.verbal', 'verbal_abuse'], ['dishonesty.detected', 'dishonesty'], ['demand.unreasonable', 'unreasonable_demands'],
  ] as const) {
    it(`${type} → at_risk (${code})`, () =>
      given(opened()).when(signal(type, { on: day(1) })).then(stateIs('at_risk'), reasonsInclude(code)));
  }
  it('invoice.disputed → at_risk (invoice_disputes)', () =>
    given(opened(), invoice('I-1', 30, 1))
      .when(signal('invoice.disputed', { on: day(2), data: { invoiceId: 'I-1' } }))
      .then(stateIs('at_risk'), reasonsInclude('invoice_disputes')));
  it('the first verbal abuse records that the client was warned', () =>
    given(opened()).when(signal('abuse.verbal', { on: day(1) })).then(recorded('ClientWarned')));
  it('a slow burner alone does not', () =>
    given(opened()).when(signal('scope.changed', { on: day(1) })).then(stateIs('healthy')));
});

describe('policy 2: three late payments within 90 days', () => {
  it('three invoices unpaid past their due day → at_risk with late_payments', () =>
    given(opened(), invoice('I-1', 30), invoice('I-2', 40), invoice('I-3', 50))
      .after(day(52)).then(stateIs('at_risk'), reasonsInclude('late_payments')));
  it('two are not enough', () =>
    given(opened(), invoice('I-1', 30), invoice('I-2', 40)).after(day(60)).then(stateIs('healthy')));
  it('a late invoice counts when its due day passes, and not again when paid', () =>
    given(opened(), invoice('I-1', 30), invoice('I-2', 40), { until: day(45) })
      .when(paid('I-1', 46)).then(stateIs('healthy'), notRecorded('PaymentCountedLate')));
  it('lates more than 90 days apart do not add up', () =>
    given(opened(), invoice('I-1', 30), invoice('I-2', 80), invoice('I-3', 125)).after(day(130)).then(stateIs('healthy')));
  it('an invoice paid on its due day is on time', () =>
    given(opened(), invoice('I-1', 30), invoice('I-2', 40), invoice('I-3', 50), paid('I-3', 50)).after(day(60)).then(stateIs('healthy')));
  it('a payment for an invoice never issued is not late', () =>
    given(opened()).when(paid('NOPE', 10)).then(stateIs('healthy'), notRecorded('PaymentCountedLate')));
  it('the due day passes at 00:00Z the next day', () =>
    given(opened(), invoice('I-1', 30), invoice('I-2', 40), invoice('I-3', 50))
      .after(`${date(50)}T23:59:59Z`).then(stateIs('healthy')));
});

describe('policy 3: three unanswered messages within 30 days', () => {
  it('three reply windows run out → at_risk with unanswered_messages', () =>
    given(opened(), sent('m1', 1), sent('m2', 5), sent('m3', 9)).after(day(12)).then(stateIs('at_risk'), reasonsInclude('unanswered_messages')));
  it('a reply in the window answers it', () =>
    given(opened(), sent('m1', 1), sent('m2', 5), sent('m3', 9), replied('m3', 10)).after(day(15)).then(stateIs('healthy')));
  it('a reply after the window does not undo it and is no good sign', () =>
    given(opened(), sent('m1', 1), sent('m2', 5), sent('m3', 9), { until: day(12) })
      .when(replied('m3', 13)).then(stateIs('at_risk'), recorded('SignalRecorded', (d) => d.good === undefined)));
  it('the relationship\'s own response window counts', () =>
    given(opened('acme', { responseWindowHours: 200 }), sent('m1', 1), sent('m2', 2), sent('m3', 3)).after(day(9)).then(stateIs('healthy')));
});

describe('policy 4: two losing periods in a row', () => {
  it('→ at_risk with losing_money', () =>
    given(opened(), period(30, 100, 150)).when(period(60, 100, 120)).then(stateIs('at_risk'), reasonsInclude('losing_money')));
  it('a profitable period in between breaks the row', () =>
    given(opened(), period(30, 100, 150), period(60, 200, 120)).when(period(90, 100, 120)).then(stateIs('healthy')));
});

describe('policy 5: the risk score', () => {
  it('one warning sign alone never reaches 60', () => {
    for (const type of ['price.pressure', 'scope.changed', 'advice.ignored', 'rescue.demanded', 'recommendation.rejected', 'meeting.missed', 'disrespect.reported', 'attitude.negative']) {
      given(opened()).when(signal(type, { on: day(1) })).then(stateIs('healthy'), scoreIs((s) => s < 60, '< 60'));
    }
  });
  it('eight lightest signs within seven days always do', () => {
    const signs = [0, 0, 0, 0, 0, 0, 0, 7].map((n) => signal('attitude.negative', { on: day(1 + n) }));
    given(opened(), ...signs.slice(0, 7)).when(signs[7]).then(stateIs('at_risk'), reasonsInclude('negative_attitude'));
  });
  it('messages outside the agreed hours weigh as off_hours_messages', () =>
    given(opened()).when(signal('message.received', { on: day(5, '23:30'), data: { channel: 'chat' } }))
      .then(recorded('SignalRecorded', (d) => (d.sign as { code: string })?.code === 'off_hours_messages')));
  it('agreed hours in another time zone are respected', () =>
    given(opened('acme', { agreedHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', timeZone: 'Asia/Tokyo' } }))
      .when(signal('message.received', { on: day(1, '01:00'), data: { channel: 'chat' } }))
      .then(recorded('SignalRecorded', (d) => d.sign === undefined)));
  it('time logged over the monthly budget weighs as losing_money', () =>
    given(opened('acme', { monthlyBudgetHours: 10 }), signal('time.logged', { on: day(1), data: { hours: 8 } }))
      .when(signal('time.logged', { on: day(2), data: { hours: 4 } }))
      .then(recorded('SignalRecorded', (d) => (d.sign as { code: string })?.code === 'losing_money')));
  it('good signs lower it', () => {
    const bad = [1, 2, 3].map((n) => signal('scope.changed', { on: day(n) }));
    const o1 = given(opened(), ...bad).after(day(3, '12:00')).then();
    given(opened(), ...bad).when(signal('meeting.held', { on: day(3, '12:00'), data: { prepared: true } }))
      .then(scoreIs((s) => s < o1.view!.riskScore, 'lower after a good sign'));
  });
  it('reaching the threshold names the signs behind it', () => {
    const signs = [1, 1, 2, 2, 3, 3].map((n, i) => signal(i % 2 ? 'scope.changed' : 'price.pressure', { on: day(n, `1${i}:00`) }));
    given(opened(), ...signs.slice(0, 5)).when(signs[5]).then(stateIs('at_risk'), reasonsInclude('scope_changes', 'price_pressure'));
  });
});

describe('policy 6: repetition escalates faster', () => {
  const episode = (n: number) => [
    signal('dishonesty.detected', { on: day(n) }),
    { kind: 'command', id: `r-${n}`, type: 'repair.start', relationshipId: 'acme', issuedAt: day(n + 1), actor: { id: 'u', teamId: 'team-north', role: 'manager' }, data: { strategy: 'check_in_call', ownerId: 'u', reviewOn: date(n + 10) } },
    { kind: 'command', id: `c-${n}`, type: 'repair.conclude', relationshipId: 'acme', issuedAt: day(n + 5), actor: { id: 'u', teamId: 'team-north', role: 'manager' }, data: { outcome: 'improved' } },
  ];
  it('a second episode within 365 days is a repeat offender', () =>
    given(opened(), ...episode(1)).when(signal('demand.unreasonable', { on: day(40) })).then(stateIs('at_risk'), reasonsInclude('repeat_offender')));
  it('the first episode is not', () =>
    given(opened()).when(signal('demand.unreasonable', { on: day(40) })).then(reasonsExclude('repeat_offender')));
  it('an episode more than 365 days ago does not count', () =>
    given(opened(), ...episode(1)).when(signal('demand.unreasonable', { on: day(400) })).then(reasonsExclude('repeat_offender')));
  it('earlier episodes lower the score threshold', () => {
    const signs = [1, 2, 3].map((n) => signal('price.pressure', { on: day(60 + n) }));
    given(opened(), ...signs.slice(0, 2)).when(signs[2]).then(stateIs('healthy'));
    given(opened(), ...episode(1), ...episode(20), ...signs.slice(0, 2)).when(signs[2]).then(stateIs('at_risk'), reasonsInclude('repeat_offender', 'price_pressure'));
  });
  it('the default threshold is 60', () => { if (DEFAULT_POLICY.riskScore.threshold !== 60) throw new Error('threshold'); });
});
