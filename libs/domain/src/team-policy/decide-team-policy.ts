// Deciding a change to a team's policy: who may (viewers read, managers and admins draft and run
// what-ifs, admins activate), whether the candidate is a valid policy, and whether the active
// version is still the one the caller saw. Facts out, or a refusal.
import type { Decision } from '../decision/outcome';
import type { Actor, Refusal } from '../model';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { applyMergePatch, mergePatchBetween } from '../policy-document/merge-patch';
import { documentOf, type PolicyDocument } from '../policy-document/schema';
import { checkPolicyDocument } from '../policy-document/validate';
import { teamPolicyStreamId, teamPolicyVersion, type TeamPolicyEvent, type TeamPolicyFact } from './team-policy-events';
import { activeVersionOf, currentDocumentOf, versionLabel, type TeamPolicyState } from './team-policy-state';

export type PolicyAction = 'read' | 'draft' | 'what-if' | 'activate';

/** Viewers read; managers and admins draft and run what-ifs; only admins activate. Never another team's. */
export function policyAccessRefusal(actor: Actor, teamId: string, action: PolicyAction): Refusal | null {
  if (actor.teamId !== teamId) return { code: 'forbidden', message: `Actor ${actor.id} is not in team ${teamId}.`, field: 'actor.teamId' };
  if (action === 'read') return null;
  if (actor.role === 'viewer') return { code: 'forbidden', message: 'A viewer may read the policy but not change it.', field: 'actor.role' };
  if (action === 'activate' && actor.role !== 'admin') return { code: 'forbidden', message: 'Only an admin may activate a policy.', field: 'actor.role' };
  return null;
}

export interface PolicyDraftCommand {
  id: string;
  at: string;
  actor: Actor;
  /** A whole document, or (with `patch: true`) a JSON merge patch on the team's current draft. */
  document: unknown;
  patch?: boolean;
}

export interface PolicyActivateCommand {
  id: string;
  at: string;
  actor: Actor;
  reason: unknown;
  /** The active version the caller decided on: its label (`team-a/3`, or the default's) or its number (0: the default). */
  expectedVersion: unknown;
}

/** A decision on a team's policy: its facts (it has no relationship state), or a refusal. */
export type PolicyDecision = Decision<TeamPolicyEvent>;

const refused = (refusal: Refusal): PolicyDecision => ({ outcome: 'refused', refusal });

function policyEvent(state: TeamPolicyState, command: { id: string; at: string; actor: Actor }, policyVersion: string, fact: TeamPolicyFact): TeamPolicyEvent {
  return {
    ...fact, relationshipId: teamPolicyStreamId(state.teamId), at: command.at, policyVersion,
    causedBy: { kind: 'command', id: command.id, type: fact.type === 'PolicyDrafted' ? 'policy.draft' : 'policy.activate', actor: command.actor, at: command.at },
  };
}

/** The candidate a draft command makes: its document, or its patch applied to the current draft. */
export function candidateOf(state: TeamPolicyState, document: unknown, patch = false): unknown {
  return patch ? applyMergePatch(currentDocumentOf(state), document) : document;
}

export function decidePolicyDraft(state: TeamPolicyState, command: PolicyDraftCommand): PolicyDecision {
  const denied = policyAccessRefusal(command.actor, state.teamId, 'draft');
  if (denied) return refused(denied);
  const checked = checkPolicyDocument(candidateOf(state, command.document, command.patch));
  if (!checked.ok) return refused(checked.refusal);
  const document: PolicyDocument = checked.document;
  return {
    outcome: 'accepted',
    events: [policyEvent(state, command, versionLabel(state.teamId, state), {
      type: 'PolicyDrafted',
      data: {
        teamId: state.teamId, document, changes: mergePatchBetween(documentOf(DEFAULT_POLICY), document),
        basedOn: DEFAULT_POLICY.version, draftedBy: command.actor,
      },
    })],
  };
}

export function decidePolicyActivation(state: TeamPolicyState, command: PolicyActivateCommand): PolicyDecision {
  const denied = policyAccessRefusal(command.actor, state.teamId, 'activate');
  if (denied) return refused(denied);
  if (typeof command.reason !== 'string' || command.reason.trim() === '') {
    return refused({ code: 'invalid_command', message: 'reason: say why the policy changes (a non-empty string)', field: 'reason' });
  }
  const expected = command.expectedVersion;
  const isCount = typeof expected === 'number' && Number.isInteger(expected) && expected >= 0;
  if (!isCount && (typeof expected !== 'string' || expected === '')) {
    return refused({ code: 'invalid_command', message: 'expectedVersion: the active version you decided on (as GET /v1/policy gives it, or its number; 0 for the default)', field: 'expectedVersion' });
  }
  const active = activeVersionOf(state);
  const label = versionLabel(state.teamId, state);
  if (expected !== active && expected !== label) {
    return refused({ code: 'version_conflict', message: `the active policy is ${label}, not ${String(expected)}; reload it and decide again`, field: 'expectedVersion' });
  }
  if (!state.draft) return refused({ code: 'wrong_state', message: 'there is no draft to activate' });
  const checked = checkPolicyDocument(state.draft.document);
  if (!checked.ok) return refused(checked.refusal);
  const version = active + 1;
  const policyVersion = teamPolicyVersion(state.teamId, version);
  return {
    outcome: 'accepted',
    events: [policyEvent(state, command, policyVersion, {
      type: 'PolicyActivated',
      data: {
        teamId: state.teamId, version, policyVersion, activatedBy: command.actor, reason: command.reason.trim(),
        document: checked.document, changes: state.draft.changes, basedOn: state.draft.basedOn,
      },
    })],
  };
}

