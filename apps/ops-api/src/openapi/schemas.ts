// The ops API's own wire shapes (errors, outcomes of inputs, one relationship), as zod schemas;
// everything else comes from the catalogue and the read models. `schemaRef` puts a schema in
// `components.schemas` and refers to it, so a schema is written once whichever routes use it.
import { anySignalSchema, EVENT_TYPES, inputRefSchema, relationshipViewSchema, traceContextSchema } from '@offramp/domain';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { idOf } from '@offramp/contract';
import { z } from 'zod';
import { API_ERROR_CODES } from '../errors/api-error';

const referenced = new Set<z.ZodType>();

/** `{ $ref }` to the schema in components.schemas (every referenced schema is generated into the document). */
export function schemaRef(schema: z.ZodType): SchemaObject & ReferenceObject {
  referenced.add(schema);
  return { $ref: `#/components/schemas/${idOf(schema)}` };
}

/** Every schema a route referred to. */
export const referencedSchemas = (): z.ZodType[] => [...referenced];

export const apiErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES as [string, ...string[]]),
  message: z.string(),
  field: z.string().optional().describe('The offending field as a dotted path (`data.reviewOn`), where there is one.'),
}).meta({ id: 'Error', description: 'Every error: a machine-readable code, a sentence, and the field where there is one.' });

export const relationshipSchema = relationshipViewSchema.extend({
  teamId: z.string(),
  clientName: z.string(),
  accountOwnerId: z.string().nullable().describe('Who looks after the account (account.assign_owner).'),
  version: z.number().int().describe('The relationship version; also the ETag.'),
}).meta({ id: 'Relationship', description: 'One relationship now: state, phase, risk score, reasons and version.' });

export const presentedEventSchema = z.object({
  eventId: z.string(),
  relationshipId: z.string(),
  version: z.number().int(),
  type: z.enum(EVENT_TYPES),
  at: z.string().meta({ format: 'date-time' }),
  policyVersion: z.string(),
  causedBy: inputRefSchema,
  schemaVersion: z.number().int().positive(),
  trace: traceContextSchema.optional(),
  data: z.record(z.string(), z.unknown()).describe('The event\'s data, as the RelationshipEvent schema of its type says.'),
}).meta({ id: 'Event', description: 'A fact the input led to, as stored.' });

const accepted = z.object({
  status: z.literal('accepted'),
  relationshipId: z.string(),
  version: z.number().int().describe('The relationship version after the input; send it as If-Match next time.'),
  events: z.array(presentedEventSchema),
  view: relationshipViewSchema,
});
const duplicate = z.object({ status: z.literal('duplicate'), events: z.array(presentedEventSchema).max(0) });

export const outcomeSchema = z.discriminatedUnion('status', [accepted, duplicate])
  .meta({ id: 'InputOutcome', description: 'Decided: the resulting events (none for a duplicate), and the relationship as it is now.' });

export const batchOutcomeSchema = z.object({
  results: z.array(z.discriminatedUnion('status', [
    accepted.extend({ index: z.number().int() }),
    duplicate.extend({ index: z.number().int() }),
    apiErrorSchema.extend({ index: z.number().int(), status: z.literal('refused') }),
  ])).describe('One result per signal, in order.'),
}).meta({ id: 'BatchOutcome', description: 'The outcome of each signal of an array, in order.' });

export type InputOutcomeBody = z.infer<typeof outcomeSchema>;

export const signalBodySchema = z.union([anySignalSchema, z.array(anySignalSchema).min(1).max(1000)])
  .meta({ id: 'SignalBody', description: 'One signal envelope, or an array of 1 to 1000 of them.' });
