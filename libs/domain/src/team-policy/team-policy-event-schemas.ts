// The schemas of a team's policy events (team-policy-events.ts), published on the relationship-events
// topic beside the relationship events, with the same envelope.
import { z } from 'zod';
import { eventEnvelopeFields } from '../events/catalogue';
import { actorSchema } from '../events/values';
import { policyDocumentSchema } from '../policy-document/schema';

let published: z.ZodType | undefined;

/** The policy document, with the id it is published under (built once, when first asked for). */
export const publishedPolicyDocumentSchema = (): z.ZodType =>
  (published ??= policyDocumentSchema().meta({ id: 'PolicyDocument', title: 'Policy document', description: 'The whole policy as JSON: every number of the default policy, with its bounds.' }));

const changes = z.record(z.string(), z.unknown()).describe('What the document changes from the default, as a JSON merge patch.');

export const TEAM_POLICY_EVENT_CATALOGUE = {
  PolicyDrafted: {
    version: 1,
    description: 'A manager or admin saved a draft of the team\'s policy.',
    data: () => z.looseObject({ teamId: z.string(), document: publishedPolicyDocumentSchema(), changes, basedOn: z.string(), draftedBy: actorSchema }),
  },
  PolicyActivated: {
    version: 1,
    description: 'An admin made the draft the team\'s policy; decisions record `<teamId>/<version>`.',
    data: () => z.looseObject({
      teamId: z.string(), version: z.number().int().positive(), policyVersion: z.string(), activatedBy: actorSchema, reason: z.string(),
      document: publishedPolicyDocumentSchema(), changes, basedOn: z.string(),
    }),
  },
} as const;

export type TeamPolicyEventName = keyof typeof TEAM_POLICY_EVENT_CATALOGUE;

/** One schema per team policy event type, built once when first asked for. */
export const teamPolicyEventSchemaOf = (() => {
  const built = new Map<TeamPolicyEventName, z.ZodType>();
  return (type: TeamPolicyEventName): z.ZodType => {
    let schema = built.get(type);
    if (!schema) {
      const entry = TEAM_POLICY_EVENT_CATALOGUE[type];
      schema = z.object({ type: z.literal(type), ...eventEnvelopeFields, data: entry.data() }).meta({ id: type, title: type, description: entry.description });
      built.set(type, schema);
    }
    return schema;
  };
})();
