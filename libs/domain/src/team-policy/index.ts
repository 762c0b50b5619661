// A team's own policy, event-sourced in its own stream.
export * from './team-policy-events';
export * from './team-policy-state';
export { candidateOf, decidePolicyActivation, decidePolicyDraft, policyAccessRefusal, type PolicyAction, type PolicyDecision, type PolicyActivateCommand, type PolicyDraftCommand } from './decide-team-policy';
export { TEAM_POLICY_EVENT_CATALOGUE, publishedPolicyDocumentSchema, teamPolicyEventSchemaOf, type TeamPolicyEventName } from './team-policy-event-schemas';
