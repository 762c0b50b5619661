// decide(state, input, policy): the facts an input leads to, or a refusal. Order of checks
// (rules 20 and 23): shape (parseInput, before this), existence, actor, then the rules. Timers due
// before the input are fired first, in order, so windows count each sign when it happened.
import type { CommandInput, Input } from './inputs';
import type { Refusal } from './model';
import { eventSchemaVersionOf, type RelationshipEvent } from './events/catalogue';
import type { Decision } from './decision/outcome';
import { accessRefusal } from './policy/access';
import { policyOf } from './policy/resolve';
import type { DomainPolicy, Policy } from './policy/default-policy';
import type { RelationshipSettings, RelationshipState } from './state';
import { evolve } from './evolve';
import { iso, ms } from './time';
import { decideCommand, wrongState } from './decision/commands';
import { Decider, refOf } from './decision/decider';
import { settle } from './decision/risk';
import { decideSignal } from './decision/signals';
import { catchUp } from './decision/timers-fired';

const refused = (refusal: Refusal): Decision => ({ outcome: 'refused', refusal });
const accepted = (events: RelationshipEvent[], state: RelationshipState | null): Decision => ({ outcome: 'accepted', events, state });
/** The decider's state is the fold of what it emitted, by construction. */
const acceptedBy = (d: Decider): Decision => accepted(d.events, d.state);

const notFound = (input: Input): Decision => refused({
  code: 'not_found', message: `No relationship ${input.relationshipId} has been opened.`, field: 'relationshipId',
});

function settingsOf(data: CommandInput<'relationship.open'>['data'], p: DomainPolicy): RelationshipSettings {
  return {
    responseWindowHours: data.responseWindowHours ?? p.unansweredMessages.responseWindowHours,
    monthlyBudgetHours: data.monthlyBudgetHours ?? null,
    agreedHours: data.agreedHours ?? p.agreedHours,
    contractNoticeDays: data.contract?.noticeDays ?? null,
  };
}

function open(state: RelationshipState | null, c: CommandInput<'relationship.open'>, p: DomainPolicy): Decision {
  const denied = accessRefusal(c, c.data.teamId);
  if (denied) return refused(denied);
  if (state) return refused({ code: 'wrong_state', message: `Relationship ${c.relationshipId} is already open.` });
  const at = iso(ms(c.issuedAt));
  const event: RelationshipEvent = {
    type: 'RelationshipOpened', relationshipId: c.relationshipId, at, policyVersion: p.version,
    causedBy: refOf('command', c.id, c.type, at, { actor: c.actor }), schemaVersion: eventSchemaVersionOf('RelationshipOpened'),
    data: { clientName: c.data.clientName, teamId: c.data.teamId, ...(c.data.contract ? { contract: c.data.contract } : {}), settings: settingsOf(c.data, p) },
  };
  const events = withCommand([event], c);
  return accepted(events, evolve(null, events[0]!));
}

/** The command as given rides on the first fact it led to (InputRef.command). */
function withCommand(events: RelationshipEvent[], c: CommandInput): RelationshipEvent[] {
  if (events.length === 0) return events;
  const [first, ...rest] = events;
  const command = { data: c.data, ...(c.override ? { override: c.override } : {}) };
  return [{ ...first!, causedBy: { ...first!.causedBy, command } }, ...rest];
}

const timeOf = (input: Input): string => (input.kind === 'signal' ? input.occurredAt : input.kind === 'command' ? input.issuedAt : input.dueAt);

export function decide(state: RelationshipState | null, input: Input, policy: Policy): Decision {
  const p = policyOf(policy);
  if (input.kind === 'command' && input.type === 'relationship.open') return open(state, input, p);
  if (!state) return input.kind === 'timer' ? accepted([], null) : notFound(input);
  if (input.kind === 'command') {
    const denied = accessRefusal(input, state.teamId);
    if (denied) return refused(denied);
    if (state.lifecycle === 'offboarded') return refused(wrongState(state, input.type));
  }
  const d = new Decider(state, p);
  const atMs = ms(timeOf(input));
  catchUp(d, atMs, p);
  if (input.kind === 'timer') return acceptedBy(d);
  const at = iso(atMs);
  if (input.kind === 'signal') {
    decideSignal(d, input, atMs, at);
    settle(d, at, refOf('signal', input.id, input.type, at, { source: input.source }));
  } else {
    const refusal = decideCommand(d, input);
    if (refusal) return refused(refusal);
    settle(d, at, refOf('command', input.id, input.type, at, { actor: input.actor }));
    // The command rides on the first fact, after the decider folded it. evolve reads nothing of the
    // command a fact carries, so the decider's state is the fold of what is returned, as for a signal.
    return accepted(withCommand(d.events, input), d.state);
  }
  return acceptedBy(d);
}

/**
 * `signal:["<source>","<id>"]` (the pair as a JSON array, so a colon in either part cannot make two
 * signals share a key), `command:<id>`, `timer:<id>` (policy rule 22). Migration 008 of the event
 * store rewrote keys stored in the older `signal:<source>:<id>` form.
 */
export function idempotencyKeyOf(input: Input): string {
  if (input.kind === 'signal') return `signal:${JSON.stringify([input.source, input.id])}`;
  return `${input.kind}:${input.id}`;
}
