// A team's policy is its own event stream, `team-policy:<teamId>`, beside its relationships':
//
//   PolicyDrafted    a manager or admin saved a draft: the whole document, what it changes from the
//                    default, and the default it was drafted on
//   PolicyActivated  an admin made the draft the team's policy: `version` counts activations, the
//                    policy version decisions record is `<teamId>/<version>`, with who and why
//
// The events take the shape of every other domain event (`relationshipId` is the stream id), so
// the outbox publishes them like any other; readers of relationships skip them by their stream.
import type { DomainEvent } from '../events/catalogue';
import type { Actor } from '../model';
import type { PolicyDocument } from '../policy-document';

export const TEAM_POLICY_EVENT_TYPES = ['PolicyDrafted', 'PolicyActivated'] as const;
export type TeamPolicyEventType = (typeof TEAM_POLICY_EVENT_TYPES)[number];

const STREAM_PREFIX = 'team-policy:';

export const teamPolicyStreamId = (teamId: string): string => `${STREAM_PREFIX}${teamId}`;

/** True for the events of a team's policy stream (not a relationship's). */
export const isTeamPolicyStream = (streamId: string): boolean => streamId.startsWith(STREAM_PREFIX);

/** The policy version decisions record under a team's activated policy. */
export const teamPolicyVersion = (teamId: string, version: number): string => `${teamId}/${version}`;

export type PolicyDraftedData = {
  teamId: string;
  document: PolicyDocument;
  /** The draft as a merge patch on the default policy's document. */
  changes: Record<string, unknown>;
  /** The default policy's version the draft was made on. */
  basedOn: string;
  draftedBy: Actor;
};

export type PolicyActivatedData = {
  teamId: string;
  version: number;
  /** `<teamId>/<version>`: what every decision under this policy records. */
  policyVersion: string;
  activatedBy: Actor;
  reason: string;
  document: PolicyDocument;
  changes: Record<string, unknown>;
  basedOn: string;
};

/** What a policy decision says happened, before the envelope is added. */
export type TeamPolicyFact = { type: 'PolicyDrafted'; data: PolicyDraftedData } | { type: 'PolicyActivated'; data: PolicyActivatedData };

export type TeamPolicyEvent = Omit<DomainEvent, 'type' | 'data'> & TeamPolicyFact;

/** Narrows a stored event of a team's policy stream by its type (the domain wrote its data). */
export const isTeamPolicyEvent = (event: DomainEvent): event is TeamPolicyEvent =>
  (TEAM_POLICY_EVENT_TYPES as readonly string[]).includes(event.type);
