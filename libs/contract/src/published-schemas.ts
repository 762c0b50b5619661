// Every JSON Schema offramp publishes (`npm run cli -- schemas DIR`, and what `ce_dataschema`
// and the AsyncAPI document point to). Publishing one more is one line in PUBLISHED below.
import {
  anyCommandSchema, anySignalSchema, commandBodySchema, COMMAND_SCHEMAS, COMMAND_TYPES, publishedPolicyDocumentSchema,
  relationshipEventSchema, SIGNAL_SCHEMAS, SIGNAL_TYPES,
} from '@offramp/domain';
import { DEAD_LETTER_SCHEMA_NAME, deadLetterSchema, eventMessageSchemas, PUBLISHED_EVENT_TYPES, publishedEventOf, schemaIdOf } from '@offramp/messaging';
import type { z } from 'zod';
import { standaloneSchema, type JsonSchema } from './json-schema';

export interface PublishedSchema {
  /** File name without `.schema.json`; `$id` is `urn:offramp:schema:<name>`. */
  name: string;
  schema: z.ZodType;
}

const published = (name: string, schema: z.ZodType): PublishedSchema => ({ name, schema });

/** One line per published schema; its title and description come from the schema's own metadata. */
export const publishedSchemas = (): PublishedSchema[] => [
  published('signal', anySignalSchema),
  ...SIGNAL_TYPES.map((type) => published(`signal.${type}`, SIGNAL_SCHEMAS[type])),
  published('command', anyCommandSchema),
  ...COMMAND_TYPES.map((type) => published(`command.${type}`, COMMAND_SCHEMAS[type])),
  published('command-body', commandBodySchema),
  published('relationship-event', relationshipEventSchema),
  ...PUBLISHED_EVENT_TYPES.map((type) => published(publishedEventOf(type)!.schemaName, eventMessageSchemas()[type]!)),
  published(DEAD_LETTER_SCHEMA_NAME, deadLetterSchema),
  published('policy-document', publishedPolicyDocumentSchema()),
];

function metaOf(entry: PublishedSchema): { title: string; description: string } {
  const meta = entry.schema.meta() ?? {};
  const title = typeof meta.title === 'string' ? meta.title : entry.name;
  const description = typeof meta.description === 'string' ? meta.description : title;
  return { title, description };
}

/** Every published schema by name, standalone (its `$defs` inside), with `$id`, `title` and `description`. */
export function publishedJsonSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(publishedSchemas().map((entry) => [entry.name, standaloneSchema(entry.schema, { $id: schemaIdOf(entry.name), ...metaOf(entry) })]));
}
