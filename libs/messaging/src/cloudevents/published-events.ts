// Every event type the outbox publishes on the relationship-events topic: the relationship events
// and a team's policy events, each with its schema version, its CloudEvents type and the name of
// the JSON Schema its message follows.
import { EVENT_CATALOGUE, EVENT_SCHEMAS, EVENT_TYPES, TEAM_POLICY_EVENT_CATALOGUE, teamPolicyEventSchemaOf, type EventType, type TeamPolicyEventName } from '@offramp/domain';
import type { z } from 'zod';

export interface PublishedEventType {
  type: string;
  version: number;
  description: string;
  /** The domain event's schema. */
  schema: z.ZodType;
  /** `offramp.relationship.marked_at_risk.v1`, `offramp.team_policy.activated.v1`. */
  cloudEventType: string;
  /** The published JSON Schema of its message (`event.marked_at_risk.v1`). */
  schemaName: string;
}

/** `RelationshipMarkedAtRisk` → `marked_at_risk`, `SignalRecorded` → `signal_recorded`. */
export const eventNameOf = (type: string): string =>
  type.replace(/^(Relationship|Policy)(?=[A-Z])/, '').replace(/(?<=[a-z0-9])([A-Z])/g, '_$1').toLowerCase();

const isTeamPolicyEvent = (type: string): type is TeamPolicyEventName => Object.hasOwn(TEAM_POLICY_EVENT_CATALOGUE, type);
const isRelationshipEvent = (type: string): type is EventType => Object.hasOwn(EVENT_CATALOGUE, type);

/** The CloudEvents type of an event type at a schema version. */
export function cloudEventTypeOf(type: string, version: number): string {
  const family = isTeamPolicyEvent(type) ? 'team_policy' : 'relationship';
  return `offramp.${family}.${eventNameOf(type)}.v${version}`;
}

/** The published JSON Schema name of an event type's message at a version: `event.marked_at_risk.v1`, `event.team_policy.activated.v1`. */
export function eventSchemaNameOf(type: string, version: number): string {
  return isTeamPolicyEvent(type) ? `event.team_policy.${eventNameOf(type)}.v${version}` : `event.${eventNameOf(type)}.v${version}`;
}

export const PUBLISHED_EVENT_TYPES: string[] = [...EVENT_TYPES, ...Object.keys(TEAM_POLICY_EVENT_CATALOGUE)];

export function publishedEventOf(type: string): PublishedEventType | null {
  if (isRelationshipEvent(type)) {
    const { version, description } = EVENT_CATALOGUE[type];
    return { type, version, description, schema: EVENT_SCHEMAS[type], cloudEventType: cloudEventTypeOf(type, version), schemaName: eventSchemaNameOf(type, version) };
  }
  if (isTeamPolicyEvent(type)) {
    const { version, description } = TEAM_POLICY_EVENT_CATALOGUE[type];
    return { type, version, description, schema: teamPolicyEventSchemaOf(type), cloudEventType: cloudEventTypeOf(type, version), schemaName: eventSchemaNameOf(type, version) };
  }
  return null;
}
