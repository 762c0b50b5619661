// Wire shapes of the policy routes as zod schemas: requests are parsed with them, and the OpenAPI
// document shows their JSON Schemas (the answers as named components, which the dashboard reads).
import { DEFAULT_POLICY, actorSchema, policyDocumentSchema } from '@offramp/domain';
import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

const document = z.record(z.string(), z.unknown()).meta({ description: 'The whole policy as JSON: every field of the default policy, under its names (schema: PolicyDocument).' });
const actor = actorSchema;
const changes = z.record(z.string(), z.unknown()).meta({ description: 'What the document changes from the default policy, as a JSON merge patch.' });

export const activationSchema = z.object({
  version: z.string().meta({ description: 'The policy version decisions record, `<team>/<n>`.' }),
  number: z.number().int(),
  basedOn: z.string().meta({ description: 'The default policy it was drafted on.' }),
  document, changes, activatedBy: actor, reason: z.string(), at: z.iso.datetime(),
}).meta({ id: 'PolicyActivation', description: 'One activation of a team policy: the version, the whole document, who and why.' });

export const policyFieldSchema = z.object({
  field: z.string(), kind: z.enum(['number', 'text', 'list', 'boolean']), meaning: z.string(),
  min: z.number().optional(), max: z.number().optional(), integer: z.boolean().optional(), unit: z.string().optional(),
}).meta({ id: 'PolicyField', description: 'One field of the policy document: its meaning in plain words and its bounds.' });

export const teamPolicyViewSchema = z.object({
  teamId: z.string(),
  active: z.object({
    version: z.string().meta({ description: `\`<team>/<n>\`, or \`${DEFAULT_POLICY.version}\` while the team runs on the default. Send it as \`expectedVersion\` to activate.` }),
    number: z.number().int().meta({ description: 'Activations so far (0: the default).' }),
    basedOn: z.string(), document,
  }),
  draft: z.object({ document, changes, basedOn: z.string(), draftedBy: actor, at: z.iso.datetime() }).nullable(),
  history: z.array(activationSchema).meta({ description: 'Every activation, newest first: who, why, and the whole document.' }),
  fields: z.array(policyFieldSchema).meta({ description: 'Every field of the document with its meaning in plain words and its bounds.' }),
}).meta({ id: 'TeamPolicy', description: 'The team\'s policy: active version and document, draft, history, and every field\'s meaning and bounds.' });

export const whatIfBodySchema = z.object({
  document: z.record(z.string(), z.unknown()).optional().meta({ description: 'A whole policy document to try; without it, the team\'s draft.' }),
});

export const activateBodySchema = z.object({
  reason: z.string().meta({ description: 'Why the policy changes (recorded).' }),
  expectedVersion: z.union([z.string(), z.number().int()]).meta({ description: 'The active version the change was decided on (`active.version` of GET /v1/policy).' }),
});

const outcome = z.object({ state: z.string(), phase: z.string().nullable(), reasonCodes: z.array(z.string()) })
  .meta({ id: 'WhatIfOutcome', description: 'Where a relationship is now under one policy.' });
const moment = z.object({ at: z.iso.datetime(), change: z.enum(['entered', 'left']), other: z.string().meta({ description: 'The state it came from or went to.' }) })
  .meta({ id: 'AtRiskMoment', description: 'A moment a relationship entered or left at_risk.' });

export const whatIfResultSchema = z.object({
  changed: z.array(z.object({
    relationshipId: z.string(),
    before: outcome.describe('Now, under the active policy.'),
    after: outcome.describe('Now, under the candidate.'),
    atRiskMoments: z.object({
      before: z.array(moment), after: z.array(moment),
      firstEntry: z.enum(['earlier', 'later', 'same', 'not_at_all', 'newly', 'never']).meta({ description: 'How the first entry into at_risk moves under the candidate.' }),
    }),
  })),
  unchanged: z.number().int(),
  asOf: z.iso.datetime().meta({ description: 'The replay ran to this instant.' }),
  inputs: z.number().int().meta({ description: 'Recorded signals and commands replayed.' }),
}).meta({ id: 'WhatIfResult', description: 'The relationships a candidate policy would put elsewhere now, and how many it would not.' });

export const whatIfJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  progress: z.object({ phase: z.enum(['reading', 'replaying', 'done']), done: z.number().int(), total: z.number().int() }),
  activeVersion: z.string(),
  result: whatIfResultSchema.optional().meta({ description: 'Once done: the difference.' }),
  error: z.string().optional(),
}).meta({ id: 'WhatIfJob', description: 'A what-if replay: its progress, and once done the difference.' });

/** A zod schema as an inline schema object of the OpenAPI 3.1 document (JSON Schema 2020-12). */
export const openApiOf = (schema: z.ZodType): SchemaObject => {
  const { $schema: _, ...inline } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
  return inline as SchemaObject;
};

export const policyDocumentOpenApi = (): SchemaObject => openApiOf(policyDocumentSchema());
