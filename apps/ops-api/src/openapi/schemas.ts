// JSON Schemas for the OpenAPI document: the wire shapes of the ops API.
import { LIFECYCLE_STATES, REASON_CODES } from '@offramp/domain';
import type { SchemaObject } from '@nestjs/swagger';
import { API_ERROR_CODES } from '../errors/api-error';

const string = { type: 'string' } as const;
const time = { type: 'string', format: 'date-time' } as const;
const object = { type: 'object', additionalProperties: true } as const;

export const errorSchema: SchemaObject = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', enum: [...API_ERROR_CODES] },
    message: string,
    field: { type: 'string', description: 'The offending field as a dotted path (`data.reviewOn`), where there is one.' },
  },
};

export const reasonSchema: SchemaObject = {
  type: 'object',
  required: ['code', 'message', 'since', 'signalIds'],
  properties: { code: { type: 'string', enum: [...REASON_CODES] }, message: string, since: time, signalIds: { type: 'array', items: string } },
};

/** Policy rules 24–25: the score read at the moment of the request, never the value stored with the last event. */
export const riskScoreSchema: SchemaObject = {
  type: 'integer', minimum: 0, maximum: 100,
  description: 'The risk score now: decayed to the moment of the request, 100 at a red flag, and not below the at-risk threshold while a reason from rules 1–4 or 7–8 is current.',
};

export const viewSchema: SchemaObject = {
  type: 'object',
  required: ['relationshipId', 'state', 'phase', 'riskScore', 'reasons'],
  properties: {
    relationshipId: string,
    state: { type: 'string', enum: [...LIFECYCLE_STATES] },
    phase: { type: 'string', enum: ['preparing', 'served'], nullable: true },
    riskScore: riskScoreSchema,
    reasons: { type: 'array', items: reasonSchema },
  },
};

export const relationshipSchema: SchemaObject = {
  ...viewSchema,
  required: [...(viewSchema.required ?? []), 'version', 'teamId', 'clientName'],
  properties: { ...viewSchema.properties, version: { type: 'integer' }, teamId: string, clientName: string, accountOwnerId: { type: 'string', nullable: true, description: 'Who looks after the account (account.assign_owner).' } },
};

const eventSchema: SchemaObject = {
  type: 'object',
  properties: { eventId: string, relationshipId: string, version: { type: 'integer' }, type: string, at: time, policyVersion: string, causedBy: object, data: object },
};

export const outcomeSchema: SchemaObject = {
  type: 'object',
  required: ['status', 'events'],
  properties: {
    status: { type: 'string', enum: ['accepted', 'duplicate'] },
    relationshipId: string,
    version: { type: 'integer', description: 'The relationship version after the input; send it as If-Match next time.' },
    events: { type: 'array', items: eventSchema },
    view: viewSchema,
  },
};

export const batchOutcomeSchema: SchemaObject = {
  type: 'object',
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'status'],
        properties: { index: { type: 'integer' }, status: { type: 'string', enum: ['accepted', 'duplicate', 'refused'] }, code: string, message: string, field: string, events: { type: 'array', items: eventSchema } },
      },
    },
  },
};

const envelope = (timeField: 'occurredAt' | 'issuedAt', extra: Record<string, SchemaObject>): SchemaObject => ({
  type: 'object',
  required: ['id', 'type', 'relationshipId', timeField, 'data'],
  properties: { id: string, type: string, relationshipId: string, [timeField]: time, data: object, ...extra },
});

export const commandBodySchema: SchemaObject = envelope('issuedAt', {
  override: { type: 'object', properties: { reason: string }, description: 'Honoured only for admins; recorded with who and why.' },
  expectedVersion: { type: 'integer', description: 'Alternative to the If-Match header.' },
});

export const signalSchema: SchemaObject = envelope('occurredAt', { source: string });
export const signalBodySchema: SchemaObject = { oneOf: [signalSchema, { type: 'array', items: signalSchema, maxItems: 1000 }] };

/** A list with its paging. */
export const pageOf = (items: SchemaObject): SchemaObject => ({
  type: 'object',
  required: ['items', 'total', 'page', 'pageSize'],
  properties: { items: { type: 'array', items }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
});

export const anyObject: SchemaObject = object;
