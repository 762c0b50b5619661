// Examples for the documents, made by the product itself: a short history decided by the domain,
// so every example event is one the engine really writes (and tests check each against its schema).
import {
  COMMAND_TYPES, decide, DEFAULT_POLICY, evolve, parseInput, SIGNAL_TYPES,
  type CommandType, type DomainEvent, type RelationshipState, type SignalType,
} from '@offramp/domain';

const RELATIONSHIP = 'acme';
const ACTOR = { id: 'u-sofia', teamId: 'team-north', role: 'manager' } as const;

const SIGNAL_DATA: Record<SignalType, Record<string, unknown>> = {
  'abuse.physical': { description: 'Threw a laptop in the meeting.' },
  'abuse.verbal': { description: 'Shouted at the designer.' },
  'dishonesty.detected': { description: 'Claimed the brief was approved.' },
  'demand.unreasonable': { description: 'Wants the site rebuilt by Monday.' },
  'legal.risk_identified': { description: 'Asked us to use unlicensed photos.' },
  'invoice.issued': { invoiceId: 'INV-12', amount: 1200, dueOn: '2026-03-16' },
  'invoice.paid': { invoiceId: 'INV-12', amount: 1200, paidOn: '2026-03-20' },
  'invoice.disputed': { invoiceId: 'INV-12', reason: 'Too many hours on the logo.' },
  'price.pressure': { competitorPrice: 800 },
  'scope.changed': { description: 'New checkout flow after sign-off.' },
  'advice.ignored': { description: 'Launched without the load test.' },
  'rescue.demanded': { description: 'Wants the outage fixed tonight.' },
  'recommendation.rejected': { description: 'Keeps the old hosting.' },
  'meeting.held': { prepared: true },
  'meeting.missed': {},
  'message.sent': { messageId: 'msg-7', channel: 'email' },
  'message.replied': { messageId: 'msg-7' },
  'message.received': { channel: 'chat' },
  'time.logged': { hours: 6.5 },
  'period.closed': { period: '2026-02', revenue: 4000, cost: 4600 },
  'feedback.received': { sentiment: 'negative' },
  'disrespect.reported': { description: 'Called the team lazy.' },
  'attitude.negative': { description: 'Dismissive in every call.' },
};

const COMMAND_DATA: Record<CommandType, Record<string, unknown>> = {
  'relationship.open': { clientName: 'Acme', teamId: 'team-north', contract: { startsOn: '2026-03-01', noticeDays: 30 }, responseWindowHours: 48 },
  'repair.start': { strategy: 'check_in_call', ownerId: 'u-sofia', reviewOn: '2026-04-01' },
  'repair.conclude': { outcome: 'failed', note: 'No change after the call.' },
  'termination.propose': { reason: 'Abuse of the team.' },
  'contract.review': { terminationAllowed: true, looseEnds: ['hand over the DNS'], paidWorkDelivered: true },
  'notice.serve': { reason: 'Abuse of the team.', channel: 'video', noticeDays: 30 },
  'notice.withdraw': { reason: 'The client apologised and changed the contact person.' },
  'offboarding.complete_step': { step: 'transition_plan', note: 'Shared with the new agency.' },
  'account.assign_owner': { ownerId: 'u-sofia' },
  'note.add': { text: 'Prefers calls on Tuesday mornings.' },
};

const minute = (n: number) => new Date(Date.UTC(2026, 2, 2, 9, n)).toISOString().replace('.000', '');

export const signalExample = (type: SignalType, n = 0) =>
  ({ id: `billing-${n + 1}`, type, relationshipId: RELATIONSHIP, occurredAt: minute(30 + n), source: 'billing', data: SIGNAL_DATA[type] });

export const commandExample = (type: CommandType, n = 0) =>
  ({ id: `cmd-${n + 1}`, type, relationshipId: RELATIONSHIP, issuedAt: minute(10 + n), actor: ACTOR, data: COMMAND_DATA[type] });

/** The HTTP body of a command: no actor (the caller is the actor). */
export const commandBodyExample = (type: CommandType, n = 0) => {
  const { actor: _, ...body } = commandExample(type, n);
  return body;
};

export const SIGNAL_EXAMPLES = SIGNAL_TYPES.map((type, n) => signalExample(type, n));
export const COMMAND_EXAMPLES = COMMAND_TYPES.map((type, n) => commandExample(type, n));

/** The events the domain decides for a short history: opened, signs, at risk, a repair that fails, a red-flag exit. */
export function exampleEvents(): DomainEvent[] {
  const history = [
    commandExample('relationship.open', 0),
    signalExample('invoice.issued', 1),
    { ...commandExample('account.assign_owner', 8), issuedAt: minute(31) },
    { ...commandExample('note.add', 9), issuedAt: minute(32) },
    signalExample('abuse.verbal', 2),
    { ...commandExample('repair.start', 4), issuedAt: minute(40) },
    { ...commandExample('repair.conclude', 5), issuedAt: minute(41) },
    { ...commandExample('termination.propose', 6), issuedAt: minute(42) },
    { ...signalExample('abuse.physical', 7), occurredAt: minute(43) },
  ];
  let state: RelationshipState | null = null;
  const events: DomainEvent[] = [];
  for (const raw of history) {
    const parsed = parseInput(raw);
    if (!parsed.ok) throw new Error(`example input refused: ${parsed.refusal.message}`);
    const decision = decide(state, parsed.input, DEFAULT_POLICY);
    if (decision.outcome !== 'accepted') continue;
    for (const event of decision.events) {
      events.push(event);
      state = evolve(state, event);
    }
  }
  return events;
}
