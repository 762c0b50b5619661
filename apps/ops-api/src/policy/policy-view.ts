// GET /v1/policy: a team's policy stream as the API shows it.
import {
  DEFAULT_POLICY, activeActivation, documentOf, policyFields, versionLabel, type PolicyActivation, type TeamPolicyState,
} from '@offramp/domain';
import type { z } from 'zod';
import type { activationSchema, teamPolicyViewSchema } from './policy-schemas';

type Activation = z.infer<typeof activationSchema>;

const activationView = (a: PolicyActivation): Activation => ({
  version: a.policyVersion, number: a.version, basedOn: a.basedOn, document: a.document, changes: a.changes,
  activatedBy: a.activatedBy, reason: a.reason, at: a.at,
});

export function teamPolicyView(state: TeamPolicyState): z.infer<typeof teamPolicyViewSchema> {
  const active = activeActivation(state);
  return {
    teamId: state.teamId,
    active: {
      version: versionLabel(state.teamId, state),
      number: active?.version ?? 0,
      basedOn: active?.basedOn ?? DEFAULT_POLICY.version,
      document: active?.document ?? documentOf(DEFAULT_POLICY),
    },
    draft: state.draft && { document: state.draft.document, changes: state.draft.changes, basedOn: state.draft.basedOn, draftedBy: state.draft.draftedBy, at: state.draft.at },
    history: [...state.history].reverse().map(activationView),
    fields: policyFields(),
  };
}
