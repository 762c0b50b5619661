// A recorded stream file (testing/recorded): its events as a store reads them back, checked as
// stored events and narrowed by type, and the records that were decided to write them.
import { z } from 'zod';
import { domainEventSchema, isRelationshipEvent, type DomainEvent, type RelationshipEvent } from '../events/catalogue';

/** An event as written (not upcast), of a relationship's stream. */
export function asWritten(event: DomainEvent): RelationshipEvent {
  if (!isRelationshipEvent(event)) throw new Error(`${event.type} is not an event of a relationship's stream`);
  return event;
}

export const recordedEvents = (events: unknown): RelationshipEvent[] => z.array(domainEventSchema).parse(events).map(asWritten);

/** The records of a recorded file: raw inputs, and `{ until }` to advance the clock to. */
export const recordedSteps = (steps: unknown): Record<string, unknown>[] => z.array(z.record(z.string(), z.unknown())).parse(steps);
