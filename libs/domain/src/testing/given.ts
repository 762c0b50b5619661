// Given/when/then for the domain's specs: records built in the language of the domain, run
// through the same path the runtime takes (History), checked by small pure assertions.
import type { RelationshipEvent } from '../events/catalogue';
import type { LifecycleState, NoticePhase, ReasonCode, RefusalCode, RelationshipView } from '../model';
import type { Policy } from '../policy/default-policy';
import type { RelationshipState } from '../state';
import { viewOf } from '../view';
import { History, type Outcome } from './history';

const BASE = Date.parse('2025-03-03T00:00:00Z'); // a Monday

/** An instant `n` days after the base Monday, at a time of day (UTC). */
export const day = (n: number, time = '10:00'): string => new Date(BASE + Math.round(n * 86_400_000)).toISOString().slice(0, 10) + `T${time}:00Z`;
/** The date part of `day(n)`. */
export const date = (n: number): string => day(n).slice(0, 10);

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export type Raw = Record<string, unknown>;

export const opened = (relationshipId = 'acme', data: Raw = {}, on = day(0)): Raw => ({
  kind: 'command', id: nextId('open'), type: 'relationship.open', relationshipId, issuedAt: on,
  actor: { id: 'u-manager', teamId: 'team-north', role: 'manager' },
  data: { clientName: 'Acme', teamId: 'team-north', ...data },
});

export interface SignalOptions { on?: string; id?: string; source?: string; data?: Raw; relationshipId?: string }
export const signal = (type: string, o: SignalOptions = {}): Raw => ({
  kind: 'signal', id: o.id ?? nextId('sig'), type, relationshipId: o.relationshipId ?? 'acme', occurredAt: o.on ?? day(1),
  source: o.source ?? 'crm', data: o.data ?? {},
});

export interface CommandOptions { on?: string; id?: string; data?: Raw; role?: 'viewer' | 'manager' | 'admin'; teamId?: string; override?: string; relationshipId?: string }
export const command = (type: string, o: CommandOptions = {}): Raw => ({
  kind: 'command', id: o.id ?? nextId('cmd'), type, relationshipId: o.relationshipId ?? 'acme', issuedAt: o.on ?? day(1),
  actor: { id: `u-${o.role ?? 'manager'}`, teamId: o.teamId ?? 'team-north', role: o.role ?? 'manager' },
  data: o.data ?? {}, ...(o.override ? { override: { reason: o.override } } : {}),
});

/** What a check sees: the outcome of the `when` record, the relationship afterwards, its new events. */
export interface Observed { outcome: Outcome; state: RelationshipState | null; view: RelationshipView | null; events: RelationshipEvent[]; history: History }
export type Check = (o: Observed) => void;

function fail(message: string, o: Observed): never {
  throw new Error(`${message}\n  outcome: ${JSON.stringify(o.outcome.decision).slice(0, 600)}\n  view: ${JSON.stringify(o.view)}`);
}

export const stateIs = (state: LifecycleState, phase: NoticePhase | null = null): Check => (o) => {
  if (o.view?.state !== state || o.view.phase !== phase) fail(`expected ${state}${phase ? `/${phase}` : ''}, got ${o.view?.state}/${o.view?.phase}`, o);
};
export const reasonsInclude = (...codes: ReasonCode[]): Check => (o) => {
  const have = o.view?.reasons.map((r) => r.code) ?? [];
  for (const c of codes) if (!have.includes(c)) fail(`expected reason ${c} among [${have.join(', ')}]`, o);
};
export const reasonsExclude = (...codes: ReasonCode[]): Check => (o) => {
  const have = o.view?.reasons.map((r) => r.code) ?? [];
  for (const c of codes) if (have.includes(c)) fail(`did not expect reason ${c}`, o);
};
export const noReasons: Check = (o) => { if (o.view?.reasons.length) fail('expected no reasons', o); };
export const refused = (code: RefusalCode, field?: string): Check => (o) => {
  const d = o.outcome.decision;
  if (d.outcome !== 'refused' || d.refusal.code !== code) fail(`expected refusal ${code}`, o);
  if (field !== undefined && d.refusal.field !== field) fail(`expected refusal field ${field}, got ${d.refusal.field}`, o);
};
export const accepted: Check = (o) => { if (o.outcome.decision.outcome !== 'accepted') fail('expected the input to be accepted', o); };
export const recorded = (type: string, match: (data: Record<string, unknown>) => boolean = () => true): Check => (o) => {
  if (!o.events.some((e) => e.type === type && match(e.data))) fail(`expected a ${type} event; got ${o.events.map((e) => e.type).join(', ')}`, o);
};
export const notRecorded = (type: string): Check => (o) => { if (o.events.some((e) => e.type === type)) fail(`did not expect ${type}`, o); };
export const scoreIs = (test: (score: number) => boolean, label: string): Check => (o) => {
  if (!o.view || !test(o.view.riskScore)) fail(`expected riskScore ${label}, got ${o.view?.riskScore}`, o);
};

export interface Scenario {
  when(record: Raw, options?: { until?: string }): { then(...checks: Check[]): Observed };
  /** Advance the clock (fire timers) and observe. */
  after(until: string): { then(...checks: Check[]): Observed };
}

export function given(...records: (Raw | { until: string })[]): Scenario;
export function given(policy: Policy, ...records: Raw[]): Scenario;
export function given(...args: unknown[]): Scenario {
  const policy = args.length && typeof (args[0] as Policy).version === 'string' ? (args.shift() as Policy) : undefined;
  const history = new History(policy);
  for (const r of args as (Raw | { until: string })[]) {
    if ('until' in r && Object.keys(r).length === 1) history.advanceTo(r.until as string);
    else history.record(r);
  }
  const observe = (outcome: Outcome, relationshipId: string, eventsBefore: number): Observed => {
    const state = history.states.get(relationshipId) ?? null;
    const events = (history.streams.get(relationshipId) ?? []).slice(eventsBefore);
    return { outcome, state, view: state && viewOf(state, history.nowMs, history.policy), events, history };
  };
  const run = (checks: Check[], o: Observed) => { for (const c of checks) c(o); return o; };
  return {
    when(record, options = {}) {
      const relationshipId = String(record.relationshipId);
      const before = history.streams.get(relationshipId)?.length ?? 0;
      const outcome = history.record(record);
      if (options.until) history.advanceTo(options.until);
      return { then: (...checks) => run(checks, observe(outcome, relationshipId, before)) };
    },
    after(until) {
      const before = history.streams.get('acme')?.length ?? 0;
      history.advanceTo(until);
      const outcome: Outcome = { index: -1, input: null, decision: { outcome: 'accepted', events: [], state: null } };
      return { then: (...checks) => run(checks, observe(outcome, 'acme', before)) };
    },
  };
}
