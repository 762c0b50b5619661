import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../events/catalogue';
import type { Actor } from '../model';
import type { PolicyDecision as Decision } from './decide-team-policy';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { documentOf } from '../policy-document';
import { day, opened, signal } from '../testing';
import { History } from '../testing/history';
import { viewOf } from '../view';
import { decidePolicyActivation, decidePolicyDraft } from './decide-team-policy';
import { emptyTeamPolicy, evolveTeamPolicy, teamPolicyOf, type TeamPolicyState } from './team-policy-state';

const actor = (role: Actor['role'], teamId = 'team-north'): Actor => ({ id: `u-${role}`, teamId, role });
const at = '2025-03-01T09:00:00.000Z';
let ids = 0;

function apply(state: TeamPolicyState, decision: Decision): TeamPolicyState {
  if (decision.outcome !== 'accepted') throw new Error(`refused: ${JSON.stringify(decision.refusal)}`);
  return decision.events.reduce(evolveTeamPolicy, state);
}
const draft = (state: TeamPolicyState, document: unknown, role: Actor['role'] = 'manager', patch = false) =>
  decidePolicyDraft(state, { id: `d-${++ids}`, at, actor: actor(role, state.teamId), document, patch });
const activate = (state: TeamPolicyState, expectedVersion: unknown, role: Actor['role'] = 'admin', reason: unknown = 'clients pay on 60-day terms') =>
  decidePolicyActivation(state, { id: `a-${++ids}`, at, actor: actor(role, state.teamId), reason, expectedVersion });
const refusalOf = (decision: Decision) => (decision.outcome === 'refused' ? decision.refusal : null);

/** A team that lowered its at-risk threshold to `threshold` and activated it. */
function teamWithThreshold(teamId: string, threshold: number): TeamPolicyState {
  const drafted = apply(emptyTeamPolicy(teamId), draft(emptyTeamPolicy(teamId), { riskScore: { threshold } }, 'manager', true));
  return apply(drafted, activate(drafted, 0));
}

describe('a team policy', () => {
  it('is the default until the team activates one', () => {
    expect(teamPolicyOf(emptyTeamPolicy('team-north'))).toBe(DEFAULT_POLICY);
    const drafted = apply(emptyTeamPolicy('team-north'), draft(emptyTeamPolicy('team-north'), { riskScore: { threshold: 45 } }, 'manager', true));
    expect(teamPolicyOf(drafted)).toBe(DEFAULT_POLICY);
  });

  it('once activated is the default with the team\'s changes on top, versioned <team>/<n> on the default it was drafted on', () => {
    const state = teamWithThreshold('team-north', 45);
    const policy = teamPolicyOf(state);
    expect(policy).toMatchObject({ version: 'team-north/1', basedOn: DEFAULT_POLICY.version, riskScore: { threshold: 45, fadeBelow: 30 } });
    expect(state.history[0]).toMatchObject({ version: 1, changes: { riskScore: { threshold: 45 } }, activatedBy: actor('admin'), reason: 'clients pay on 60-day terms' });
    expect(state.draft).toBeNull();
  });

  it('a whole document with a bound broken is refused invalid_policy naming the field, and nothing is recorded', () => {
    const document = documentOf(DEFAULT_POLICY);
    (document.latePayments as Record<string, unknown>).windowDays = 0;
    expect(refusalOf(draft(emptyTeamPolicy('team-north'), document))).toMatchObject({ code: 'invalid_policy', field: 'latePayments.windowDays' });
  });

  it('viewers may not draft, managers may not activate, nobody acts on another team\'s', () => {
    const empty = emptyTeamPolicy('team-north');
    expect(refusalOf(draft(empty, { riskScore: { threshold: 45 } }, 'viewer', true))).toMatchObject({ code: 'forbidden' });
    const drafted = apply(empty, draft(empty, { riskScore: { threshold: 45 } }, 'manager', true));
    expect(refusalOf(activate(drafted, 0, 'manager'))).toMatchObject({ code: 'forbidden' });
    expect(refusalOf(decidePolicyDraft(empty, { id: 'x', at, actor: actor('admin', 'team-south'), document: {}, patch: true }))).toMatchObject({ code: 'forbidden', field: 'actor.teamId' });
  });

  it('a stale activation is refused version_conflict; one without a draft wrong_state; one without a reason invalid_command', () => {
    const state = teamWithThreshold('team-north', 45);
    const redrafted = apply(state, draft(state, { riskScore: { threshold: 50 } }, 'manager', true));
    expect(refusalOf(activate(redrafted, 0))).toMatchObject({ code: 'version_conflict', field: 'expectedVersion' });
    expect(refusalOf(activate(redrafted, 1, 'admin', ' '))).toMatchObject({ code: 'invalid_command', field: 'reason' });
    expect(refusalOf(activate(state, 1))).toMatchObject({ code: 'wrong_state' });
    expect(teamPolicyOf(apply(redrafted, activate(redrafted, 1)))).toMatchObject({ version: 'team-north/2', riskScore: { threshold: 50 } });
  });

  it('a merge patch applies to the current draft', () => {
    const empty = emptyTeamPolicy('team-north');
    const first = apply(empty, draft(empty, { riskScore: { threshold: 45 } }, 'manager', true));
    const second = apply(first, draft(first, { latePayments: { windowDays: 120 } }, 'manager', true));
    expect(second.draft?.changes).toEqual({ riskScore: { threshold: 45 }, latePayments: { windowDays: 120 } });
  });
});

describe('policy 5 per team: two teams with different thresholds decide the same input differently', () => {
  const slowBurners = (teamId: string) => [
    { ...opened('acme', { teamId }), actor: actor('manager', teamId) },
    signal('price.pressure', { on: day(1) }),
    signal('advice.ignored', { on: day(1, '11:00') }),
    signal('scope.changed', { on: day(1, '12:00') }),
  ];
  const run = (state: TeamPolicyState) => {
    const history = new History(teamPolicyOf(state));
    for (const record of slowBurners(state.teamId)) history.record(record);
    return { view: viewOf(history.states.get('acme')!, history.nowMs, history.policy), events: history.streams.get('acme')! };
  };

  it('a team at 45 marks the client at risk, a team on the default does not, and each decision names its version', () => {
    const north = run(teamWithThreshold('team-north', 45));
    const south = run(emptyTeamPolicy('team-south'));
    expect(north.view.state).toBe('at_risk');
    expect(south.view.state).toBe('healthy');
    expect(new Set(north.events.map((e: DomainEvent) => e.policyVersion))).toEqual(new Set(['team-north/1']));
    expect(new Set(south.events.map((e: DomainEvent) => e.policyVersion))).toEqual(new Set([DEFAULT_POLICY.version]));
  });
});

describe('an activation names the active version it was decided on', () => {
  it('by the label GET /v1/policy shows, or by its number', () => {
    const state = teamWithThreshold('team-north', 45);
    const redrafted = apply(state, draft(state, { riskScore: { threshold: 50 } }, 'manager', true));
    expect(activate(redrafted, 'team-north/1').outcome).toBe('accepted');
    expect(refusalOf(activate(redrafted, DEFAULT_POLICY.version))).toMatchObject({ code: 'version_conflict' });
    expect(refusalOf(activate(redrafted, null))).toMatchObject({ code: 'invalid_command', field: 'expectedVersion' });
  });
});
