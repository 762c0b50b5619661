// A team's policy folded from its stream, and the policy it decides under: the default until the
// team activates one, then exactly the document it activated (a version's rules never change).
import type { DomainEvent } from '../events/catalogue';
import type { Actor } from '../model';
import { DEFAULT_POLICY, type Policy } from '../policy/default-policy';
import { documentOf, type PolicyDocument } from '../policy-document/schema';
import { isTeamPolicyEvent, teamPolicyVersion } from './team-policy-events';

export interface PolicyActivation {
  version: number;
  policyVersion: string;
  basedOn: string;
  document: PolicyDocument;
  changes: Record<string, unknown>;
  activatedBy: Actor;
  reason: string;
  at: string;
}

export interface TeamPolicyState {
  teamId: string;
  /** Events in the team's policy stream. */
  streamVersion: number;
  draft: { document: PolicyDocument; changes: Record<string, unknown>; basedOn: string; draftedBy: Actor; at: string } | null;
  /** Activations, oldest first; the last is the active one. */
  history: PolicyActivation[];
}

export const emptyTeamPolicy = (teamId: string): TeamPolicyState => ({ teamId, streamVersion: 0, draft: null, history: [] });

export function evolveTeamPolicy(state: TeamPolicyState, event: DomainEvent): TeamPolicyState {
  const next = { ...state, streamVersion: state.streamVersion + 1 };
  if (!isTeamPolicyEvent(event)) return next;
  if (event.type === 'PolicyDrafted') {
    const d = event.data;
    return { ...next, draft: { document: d.document, changes: d.changes, basedOn: d.basedOn, draftedBy: d.draftedBy, at: event.at } };
  }
  {
    const d = event.data;
    const activation: PolicyActivation = {
      version: d.version, policyVersion: d.policyVersion, basedOn: d.basedOn, document: d.document, changes: d.changes,
      activatedBy: d.activatedBy, reason: d.reason, at: event.at,
    };
    return { ...next, draft: null, history: [...state.history, activation] };
  }
}

export const foldTeamPolicy = (teamId: string, events: readonly DomainEvent[]): TeamPolicyState =>
  events.reduce(evolveTeamPolicy, emptyTeamPolicy(teamId));

/** The active activation, or null while the team runs on the default. */
export const activeActivation = (state: TeamPolicyState): PolicyActivation | null => state.history.at(-1) ?? null;

/** The active version number: 0 while on the default. */
export const activeVersionOf = (state: TeamPolicyState): number => activeActivation(state)?.version ?? 0;

/** A policy object from a document (the document's fields, the version decisions record, its base). */
export const policyFromDocument = (document: PolicyDocument, version: string, basedOn: string): Policy =>
  ({ ...structuredClone(document), version, basedOn });

/** The policy the team decides under now. */
export function teamPolicyOf(state: TeamPolicyState): Policy {
  const active = activeActivation(state);
  return active ? policyFromDocument(active.document, active.policyVersion, active.basedOn) : DEFAULT_POLICY;
}

/** The document a team's next draft starts from: its draft, else its active policy, else the default. */
export const currentDocumentOf = (state: TeamPolicyState): PolicyDocument =>
  state.draft?.document ?? activeActivation(state)?.document ?? documentOf(DEFAULT_POLICY);

export const versionLabel = (teamId: string, state: TeamPolicyState): string => {
  const active = activeActivation(state);
  return active ? teamPolicyVersion(teamId, active.version) : DEFAULT_POLICY.version;
};
