// policy-v2 (policy.md, rules 24–31 and rule 6 made exact), on the default policy. Scores are
// read at the moment of the `when` (or `after`), as a person reading them would see them.
import { describe, expect, it } from 'vitest';
import { openReceivablesOf } from '../view';
import {
  accepted, command, date, day, given, hoursLogged, invoiceIssued, invoicePaid, messageSent, noReasons, notRecorded, opened,
  periodClosed, reasonsExclude, reasonsInclude, recorded, refused, scoreIs, signal, stateIs, type Raw,
} from '../testing';

const repairStart = (on: string, reviewOn: string) => command('repair.start', { on, data: { strategy: 'check_in_call', ownerId: 'u-1', reviewOn } });
const conclude = (on: string, outcome: 'improved' | 'failed') => command('repair.conclude', { on, data: { outcome } });
const propose = (on: string) => command('termination.propose', { on, data: { reason: 'It no longer fits.' } });
const review = (on: string) => command('contract.review', { on, data: { terminationAllowed: true, looseEnds: [], paidWorkDelivered: true } });
const serve = (on: string, data: Raw = {}) => command('notice.serve', { on, data: { reason: 'It no longer fits.', channel: 'video', ...data } });
const withdraw = (on: string) => command('notice.withdraw', { on, data: { reason: 'They apologised.' } });
/** Three invoices left unpaid past their due days 30, 40 and 50: rule 2 holds from day 51. */
const threeLate = [invoiceIssued('I-1', 100, date(30), date(1)), invoiceIssued('I-2', 100, date(40), date(1)), invoiceIssued('I-3', 100, date(50), date(1))];
const atLeast = (n: number) => scoreIs((s) => s >= n, `≥ ${n}`);
const below = (n: number) => scoreIs((s) => s < n, `< ${n}`);
const exactly = (n: number) => scoreIs((s) => s === n, `= ${n}`);

describe('policy 24: the score ranks the worst first', () => {
  for (const type of ['abuse.physical', 'abuse.verbal', 'dishonesty.detected', 'demand.unreasonable', 'legal.risk_identified']) {
    it(`${type} sets the score to 100 at that moment`, () =>
      given(opened()).when(signal(type, { on: day(1) })).then(exactly(100)));
  }
  it('a second verbal abuse (rule 8) sets it to 100 again', () =>
    given(opened(), signal('abuse.verbal', { on: day(1) })).when(signal('abuse.verbal', { on: day(20) })).then(stateIs('notice', 'preparing'), exactly(100)));
  it('each late payment adds its own weight', () =>
    given(opened(), invoiceIssued('I-1', 100, date(30), date(1))).after(day(31, '00:00')).then(stateIs('healthy'), atLeast(1), below(60)));
  it('each unanswered message adds its own weight', () =>
    given(opened(), messageSent('m-1', day(1))).after(day(3, '10:00')).then(stateIs('healthy'), atLeast(1), below(60)));
  it('each losing period adds its own weight', () =>
    given(opened()).when(periodClosed(date(30), 100, 150)).then(stateIs('healthy'), atLeast(1), below(60)));
  it('an invoice dispute weighs too', () =>
    given(opened(), invoiceIssued('I-1', 100, date(30), date(1))).when(signal('invoice.disputed', { on: day(2), data: { invoiceId: 'I-1' } }))
      .then(stateIs('at_risk'), atLeast(60)));
  it('rules 2–4 still mark at_risk by their counts', () =>
    given(opened(), ...threeLate).after(day(51)).then(stateIs('at_risk'), reasonsInclude('late_payments'), atLeast(60)));
  it('a red flag and a rule-2 trigger outrank two small slow burners', () => {
    const liar = given(opened(), signal('dishonesty.detected', { on: day(40) })).after(day(60)).then();
    const payer = given(opened(), ...threeLate).after(day(60)).then();
    const burner = given(opened(), signal('meeting.missed', { on: day(59) })).when(signal('recommendation.rejected', { on: day(60) })).then(stateIs('healthy'));
    expect(liar.view!.riskScore).toBeGreaterThan(burner.view!.riskScore);
    expect(payer.view!.riskScore).toBeGreaterThan(burner.view!.riskScore);
  });
  it('while a rule-1 reason is current the score does not fall below the threshold', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) })).after(day(200)).then(stateIs('at_risk'), reasonsInclude('dishonesty'), exactly(60)));
  it('while a red-flag exit is in progress neither', () =>
    given(opened(), signal('legal.risk_identified', { on: day(1) })).after(day(200)).then(stateIs('notice', 'preparing'), exactly(60)));
  it('while rule 2 holds neither, and once its window lets go the score falls and fades', () => {
    given(opened(), ...threeLate).after(day(120)).then(stateIs('at_risk'), exactly(60));
    given(opened(), ...threeLate).after(day(300)).then(stateIs('healthy'), below(30));
  });
  it('the floor is the threshold in force: lowered for a repeat offender (rule 6)', () => {
    const episode = [signal('dishonesty.detected', { on: day(1) }), repairStart(day(2), date(10)), conclude(day(5), 'improved')];
    given(opened(), ...episode, signal('demand.unreasonable', { on: day(40) })).after(day(300))
      .then(stateIs('at_risk'), reasonsInclude('repeat_offender'), exactly(50));
  });
  it('slow burners alone keep the bounds of rule 5', () => {
    given(opened()).when(signal('disrespect.reported', { on: day(1) })).then(stateIs('healthy'), below(60));
    const signs = [0, 0, 0, 0, 0, 0, 0, 7].map((n) => signal('attitude.negative', { on: day(1 + n) }));
    given(opened(), ...signs.slice(0, 7)).when(signs[7]).then(stateIs('at_risk'), atLeast(60));
  });
});

describe('policy 25: the score is read now', () => {
  it('a relationship quiet for 90 days shows its signs decayed, not the value stored with the last event', () =>
    given(opened(), signal('scope.changed', { on: day(1) }), signal('price.pressure', { on: day(1, '11:00') }))
      .after(day(91)).then(stateIs('healthy'), exactly(0)));
  it('a sign weighs half after one half-life (14 days)', () =>
    given(opened(), signal('price.pressure', { on: day(1) })).after(day(15)).then(exactly(9)));
});

describe('policy 26: improved is a clean slate', () => {
  const lateTwice = [invoiceIssued('I-1', 100, date(30), date(1)), invoiceIssued('I-2', 100, date(40), date(1))];
  it('→ healthy with score 0 and no reasons', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) }), signal('scope.changed', { on: day(2) }), repairStart(day(3), date(20)))
      .when(conclude(day(4), 'improved')).then(stateIs('healthy'), noReasons, exactly(0)));
  it('late payments counted before it no longer count for rule 2', () =>
    given(opened(), ...lateTwice, invoiceIssued('I-3', 100, date(60), date(1)), { until: day(45) },
      signal('dishonesty.detected', { on: day(45) }), repairStart(day(46), date(55)), conclude(day(50), 'improved'))
      .after(day(62)).then(stateIs('healthy'), noReasons));
  it('losing periods before it no longer count for rule 4', () =>
    given(opened(), periodClosed(date(30), 100, 150), signal('dishonesty.detected', { on: day(31) }), repairStart(day(32), date(40)), conclude(day(35), 'improved'))
      .when(periodClosed(date(60), 100, 150)).then(stateIs('healthy')));
  it('earlier signs no longer weigh', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) }), ...[1, 2, 3].map((n) => signal('scope.changed', { on: day(2, `1${n}:00`) })),
      repairStart(day(3), date(20)), conclude(day(4), 'improved'))
      .when(signal('price.pressure', { on: day(4, '12:00') })).then(stateIs('healthy'), exactly(18)));
  it('the episode still counts for rule 6', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) }), repairStart(day(2), date(20)), conclude(day(4), 'improved'))
      .when(signal('demand.unreasonable', { on: day(30) })).then(stateIs('at_risk'), reasonsInclude('repeat_offender')));
});

describe('policy 27: money is counted', () => {
  const proposed = (...records: Raw[]) => [opened(), invoiceIssued('I-1', 2000, date(40), date(1)), ...records, propose(day(5)), review(day(6))];
  it('a payment of 10 on a 2,000 invoice leaves it open: the receivables guard holds', () =>
    given(...proposed(invoicePaid('I-1', 10, date(2)))).when(serve(day(9))).then(refused('receivables_outstanding')));
  it('payments that add up to the issued amount settle it', () =>
    given(...proposed(invoicePaid('I-1', 10, date(2)), invoicePaid('I-1', 1990, date(3)))).when(serve(day(9))).then(stateIs('notice', 'served')));
  it('the notice tracker shows what remains open, and how much', () =>
    given(opened(), invoiceIssued('I-1', 2000, date(40), date(1))).when(invoicePaid('I-1', 10, date(2))).then((o) =>
      expect(openReceivablesOf(o.state!)).toEqual([{ invoiceId: 'I-1', amount: 2000, paid: 10, remaining: 1990, dueOn: date(40) }])));
  it('an invoice still open when its due date passes is late once, however it is paid afterwards', () =>
    given(opened(), invoiceIssued('I-1', 100, date(10), date(1)), invoicePaid('I-1', 50, date(5)), { until: day(12) })
      .when(invoicePaid('I-1', 50, date(12))).then(notRecorded('PaymentCountedLate'), (o) =>
        expect(o.history.streams.get('acme')!.filter((e) => e.type === 'PaymentCountedLate')).toHaveLength(1)));
  it('lateness is judged by the paidOn of the payment that settles it', () =>
    given(opened(), invoiceIssued('I-1', 100, date(30), date(1)), invoicePaid('I-1', 50, date(5)))
      .when(invoicePaid('I-1', 50, date(20))).then(notRecorded('PaymentCountedLate'), recorded('SignalRecorded', (d) => d.good === true)));
  it('a partial payment is no good sign', () =>
    given(opened(), invoiceIssued('I-1', 100, date(30), date(1))).when(invoicePaid('I-1', 50, date(5))).then(recorded('SignalRecorded', (d) => d.good === undefined)));
  it('an overpayment settles the invoice and changes nothing else', () =>
    given(opened(), invoiceIssued('I-1', 100, date(30), date(1))).when(invoicePaid('I-1', 150, date(5)))
      .then((o) => expect(openReceivablesOf(o.state!)).toEqual([]), notRecorded('PaymentCountedLate')));
  it('a payment for an invoice never issued is recorded and changes nothing else', () =>
    given(opened()).when(invoicePaid('NOPE', 100, date(5))).then(accepted, recorded('SignalRecorded', (d) => d.good === undefined), exactly(0)));
  // Rules 2 and 27 with the time rules: a sign counts at the moment it happened, here the due date passing.
  const lateReportedEarly = [opened(), invoiceIssued('I-1', 100, date(30), date(1)), invoiceIssued('I-2', 100, date(40), date(1)),
    invoiceIssued('I-3', 100, date(70), date(1)), { until: day(45) }, invoicePaid('I-3', 100, date(72), day(60))];
  it('a payment after the due date, reported before it passed, settles the invoice and is not late yet', () =>
    given(...lateReportedEarly).after(day(70, '23:59')).then(stateIs('healthy'), notRecorded('PaymentCountedLate'), (o) => expect(openReceivablesOf(o.state!).map((r) => r.invoiceId)).toEqual(['I-1', 'I-2'])));
  it('it counts late when the due date passes, dated then', () =>
    given(...lateReportedEarly).after(day(71, '00:00')).then(stateIs('at_risk'), reasonsInclude('late_payments'),
      recorded('PaymentCountedLate', (d) => d.how === 'paid_after_due' && d.dueAt === `${date(71)}T00:00:00.000Z` && d.invoiceId === 'I-3')));
});

describe('policy 28: an over-budget month is one sign', () => {
  const budget = opened('acme', { monthlyBudgetHours: 10 });
  const weighs = recorded('SignalRecorded', (d) => (d.sign as { code?: string } | undefined)?.code === 'losing_money');
  const weighsNot = recorded('SignalRecorded', (d) => d.sign === undefined);
  it('the entry that crosses the budget weighs as losing_money', () =>
    given(budget, hoursLogged(8, date(1))).when(hoursLogged(4, date(2))).then(weighs));
  it('later entries that month do not', () =>
    given(budget, hoursLogged(8, date(1)), hoursLogged(4, date(2))).when(hoursLogged(3, date(3))).then(weighsNot));
  it('the next month counts again', () =>
    given(budget, hoursLogged(12, '2025-03-10')).when(hoursLogged(11, '2025-04-10')).then(weighs));
  it('the month is the UTC month of the instant, whatever the offset', () => {
    given(budget, hoursLogged(9, '2025-03-20')).when(hoursLogged(2, '2025-03-31T23:30:00-02:00')).then(weighsNot);
    given(budget, hoursLogged(9, '2025-03-20')).when(hoursLogged(2, '2025-04-01T00:30:00+02:00')).then(weighs);
  });
});

describe('policy 29: agreed hours are real hours', () => {
  const nights = (timeZone = 'UTC') => opened('acme', { agreedHours: { days: [5], start: '22:00', end: '06:00', timeZone } });
  const received = (on: string) => signal('message.received', { on, source: 'chat', data: { channel: 'chat' } });
  const inside = recorded('SignalRecorded', (d) => d.sign === undefined);
  const outside = recorded('SignalRecorded', (d) => (d.sign as { code?: string } | undefined)?.code === 'off_hours_messages');
  it('an unknown time zone is invalid_command naming data.agreedHours.timeZone', () =>
    given().when(opened('acme', { agreedHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', timeZone: 'Mars/Olympus_Mons' } }))
      .then(refused('invalid_command', 'data.agreedHours.timeZone')));
  it('an IANA zone is accepted', () =>
    given().when(opened('acme', { agreedHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', timeZone: 'America/New_York' } })).then(accepted));
  // day(4) is a Friday.
  it('22:00–06:00 on Friday covers Friday 23:00 and Saturday 05:00', () => {
    given(nights()).when(received(day(4, '23:00'))).then(inside);
    given(nights()).when(received(day(5, '05:00'))).then(inside);
  });
  it('and not Friday 21:00, Friday 05:00 (Thursday\'s night) or Saturday 07:00', () => {
    given(nights()).when(received(day(4, '21:00'))).then(outside);
    given(nights()).when(received(day(4, '05:00'))).then(outside);
    given(nights()).when(received(day(5, '07:00'))).then(outside);
  });
  it('in the agreed time zone', () =>
    given(nights('Asia/Tokyo')).when(received(day(4, '14:00'))).then(inside));
});

describe('policy 30: no silent zero-day notice', () => {
  const zeroContract = opened('acme', { contract: { startsOn: '2024-01-01', noticeDays: 0 } });
  it('a contract with noticeDays 0 gets the default 30 days outside a red-flag exit', () =>
    given(zeroContract, propose(day(1)), review(day(2))).when(serve(day(5))).then(recorded('NoticeServed', (d) => d.noticeDays === 30)));
  it('a serve\'s own noticeDays 0 outside a red-flag exit stays invalid_command', () =>
    given(zeroContract, propose(day(1)), review(day(2))).when(serve(day(5), { noticeDays: 0 })).then(refused('invalid_command', 'data.noticeDays')));
  it('a red-flag exit may still take the contract\'s 0 days', () =>
    given(zeroContract, signal('abuse.physical', { on: day(1) }), review(day(2))).when(serve(day(3))).then(recorded('NoticeServed', (d) => d.noticeDays === 0)));
});

describe('policy 31: withdrawing keeps what is true', () => {
  it('a withdrawn physical-abuse exit keeps physical_abuse, and the score at the threshold', () =>
    given(opened(), signal('abuse.physical', { on: day(1) })).when(withdraw(day(2)))
      .then(stateIs('at_risk'), reasonsInclude('physical_abuse'), atLeast(60)));
  it('rule-1 reasons stay', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) }), propose(day(2))).when(withdraw(day(3)))
      .then(stateIs('at_risk'), reasonsInclude('dishonesty')));
  it('rule-2 reasons stay while they hold', () =>
    given(opened(), ...threeLate, { until: day(52) }, propose(day(52))).when(withdraw(day(53)))
      .then(stateIs('at_risk'), reasonsInclude('late_payments')));
  it('reasons that no longer hold go', () =>
    given(opened(), ...threeLate, { until: day(52) }, propose(day(52))).when(withdraw(day(200)))
      .then(stateIs('at_risk'), reasonsExclude('late_payments')));
  it('with none current it is at_risk with no reasons, which does not fade', () =>
    given(opened(), propose(day(1)), withdraw(day(2))).after(day(100)).then(stateIs('at_risk'), noReasons));
});

describe('policy 6, made exact: an episode starts when a healthy relationship enters at_risk', () => {
  const episode = (n: number) => [signal('dishonesty.detected', { on: day(n) }), repairStart(day(n + 1), date(n + 10)), conclude(day(n + 5), 'improved')];
  it('a failed repair continues the episode it belongs to', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) }), repairStart(day(2), date(10)), conclude(day(4), 'failed'),
      repairStart(day(5), date(15)), conclude(day(8), 'improved'))
      .when(signal('demand.unreasonable', { on: day(30) })).then(recorded('RelationshipMarkedAtRisk', (d) => d.repeatedEpisodes === 1 && d.threshold === 50)));
  it('a withdrawn notice continues it too', () =>
    given(opened(), signal('dishonesty.detected', { on: day(1) }), propose(day(2)), withdraw(day(3)), repairStart(day(4), date(15)), conclude(day(8), 'improved'))
      .when(signal('demand.unreasonable', { on: day(30) })).then(recorded('RelationshipMarkedAtRisk', (d) => d.repeatedEpisodes === 1)));
  it('the lowered threshold has a floor (35)', () =>
    given(opened(), ...episode(1), ...episode(10), ...episode(20), ...episode(30), ...episode(40))
      .when(signal('demand.unreasonable', { on: day(60) })).then(recorded('RelationshipMarkedAtRisk', (d) => d.repeatedEpisodes === 5 && d.threshold === 35)));
});
