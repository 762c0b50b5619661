// Reading an event written at an older schema version: each step takes the data of one version to
// the next, so a stream recorded years ago folds, projects and publishes as if written today.
import { EVENT_CATALOGUE, isEventType, isRelationshipEvent, type DomainEvent, type EventType, type RelationshipEvent } from './catalogue';
import { relationshipOpenedV1, upcastRelationshipOpenedV1 } from './relationship-opened';

/** Version n's data to version n + 1's, or null when the data is not version n's shape (then the event is read as written). */
type Step = (data: Record<string, unknown>) => Record<string, unknown> | null;

/** `UPCASTS[type][n]` takes version n to n + 1. */
const UPCASTS: Partial<Record<EventType, Record<number, Step>>> = {
  RelationshipOpened: {
    1: (data) => {
      const v1 = relationshipOpenedV1.safeParse(data);
      return v1.success ? upcastRelationshipOpenedV1(v1.data) : null;
    },
  },
};

/** The event at its type's current schema version (the same object when it already is, or cannot be read as its version). */
export function upcast(event: DomainEvent): DomainEvent {
  if (!isEventType(event.type)) return event;
  const current = EVENT_CATALOGUE[event.type].version;
  let version = event.schemaVersion ?? 1;
  if (version >= current) return event;
  let data = event.data;
  for (; version < current; version++) {
    const step = UPCASTS[event.type]?.[version];
    if (!step) throw new Error(`no upcast of ${event.type} from schema version ${version}`);
    const next = step(data);
    if (next === null) return event;
    data = next;
  }
  return { ...event, schemaVersion: current, data };
}

/** A stored event of a relationship's stream, at its type's current schema version. */
export function relationshipEventOf(event: DomainEvent): RelationshipEvent {
  const current = upcast(event);
  if (!isRelationshipEvent(current)) throw new Error(`${event.type} is not an event of a relationship's stream`);
  return current;
}
