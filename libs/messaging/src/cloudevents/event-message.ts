// The value of a message on the relationship-events topic (the CloudEvent's data): the stored
// event, with the domain event of its type.
import { z } from 'zod';
import { PUBLISHED_EVENT_TYPES, publishedEventOf } from './published-events';

export const eventMessageSchemaOf = (type: string) => {
  const published = publishedEventOf(type);
  if (!published) throw new Error(`${type} is not a published event type`);
  return z.object({
    eventId: z.string().describe('Unique id of the event (also `ce_id`): consumers deduplicate by it.'),
    streamId: z.string().describe('The relationship id.'),
    version: z.number().int().positive().describe('1-based position in the relationship\'s stream.'),
    globalPosition: z.number().int().describe('Position in the store\'s global order.'),
    type: z.literal(type),
    event: published.schema,
    recordedAt: z.string().meta({ format: 'date-time' }).describe('When the store committed it.'),
  }).meta({ id: `${type}Message`, title: `${type} message`, description: `${published.description} As published on the relationship-events topic.` });
};

let built: Record<string, z.ZodType> | undefined;

/** The message schema of every published event type, by type (built once, when first asked for). */
export const eventMessageSchemas = (): Record<string, z.ZodType> =>
  (built ??= Object.fromEntries(PUBLISHED_EVENT_TYPES.map((t) => [t, eventMessageSchemaOf(t)])));
