// Wire shapes of the read models, for the OpenAPI document.
import type { SchemaObject } from '@nestjs/swagger';
import { LIFECYCLE_STATES, REASON_CODES, REPAIR_STRATEGIES } from '@offramp/domain';
import { anyObject, pageOf, reasonSchema, riskScoreSchema } from './schemas';

const string = { type: 'string' } as const;
const time = { type: 'string', format: 'date-time' } as const;
const integer = { type: 'integer' } as const;
const number = { type: 'number' } as const;
const strings = { type: 'array', items: string } as const;
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const object = (properties: Record<string, SchemaObject>): SchemaObject => ({ type: 'object', properties });
const state: SchemaObject = { type: 'string', enum: [...LIFECYCLE_STATES] };
const repair = nullable(object({ strategy: string, ownerId: string, reviewOn: string, startedAt: time }));
const signCounts: SchemaObject = { type: 'object', additionalProperties: integer, description: 'Warning signs on record, per reason code.' };

const boardEntry = object({
  relationshipId: string, clientName: string, state, phase: nullable(string), riskScore: riskScoreSchema,
  riskTrend: { type: 'array', items: object({ score: integer, at: time }), description: 'The last changes of the risk score, oldest first.' },
  topReasons: { type: 'array', items: reasonSchema }, lastSignal: nullable(object({ id: string, type: string, source: string, at: time })),
  repairOwner: nullable(string), accountOwner: nullable(string), repair, returningClient: { type: 'boolean', description: 'The team let this client go before.' }, version: integer, updatedAt: time,
});

export const relationshipPageSchema = pageOf(boardEntry);

export const boardSchema = object({
  teamId: string,
  counts: object({ byState: object(Object.fromEntries(LIFECYCLE_STATES.map((s) => [s, integer]))), byPhase: object({ preparing: integer, served: integer }), total: integer }),
  relationships: relationshipPageSchema,
});

export const atRiskPageSchema = pageOf(object({
  relationshipId: string, clientName: string, state: { type: 'string', enum: ['at_risk', 'repair_attempt'] }, riskScore: riskScoreSchema,
  reasons: { type: 'array', items: reasonSchema }, atRiskSince: time, hoursAtRisk: integer,
  earlierEpisodes: { type: 'array', items: object({ startedAt: time, endedAt: time, endedIn: state, reasons: strings }) },
  repair,
  returningClient: { type: 'boolean' },
  suggestedStrategies: { type: 'array', items: object({ strategy: { type: 'string', enum: [...REPAIR_STRATEGIES] }, forReasons: strings }) },
}));

export const noticePageSchema = pageOf(object({
  relationshipId: string, clientName: string, phase: { type: 'string', enum: ['preparing', 'served'] }, redFlagExit: { type: 'boolean' },
  proposedAt: nullable(time), coolingOffEndsAt: nullable(time), contractReviewed: { type: 'boolean' }, terminationAllowed: { type: 'boolean' },
  openReceivables: {
    type: 'array',
    description: 'Invoices not yet settled: payments add up per invoice (policy rule 27); `remaining` is what is still owed.',
    items: object({ invoiceId: string, amount: number, paid: number, remaining: number, dueOn: string }),
  },
  servedAt: nullable(time), channel: nullable(string), noticeDays: nullable(integer), noticeEndsAt: nullable(time),
  checklist: object({ required: strings, done: strings, open: strings, progress: number }),
  blockedBy: nullable({ type: 'string', enum: ['cooling_off', 'contract_not_reviewed', 'receivables_outstanding', 'checklist_incomplete'] }),
}));

const paretoEntry = object({ relationshipId: string, clientName: string, trouble: number, signs: signCounts, hoursLogged: number, overBudgetHours: number, lostMoney: number, unpaidAmount: number });
const ranking = object({ top: { type: 'array', items: paretoEntry }, topCount: integer, topShare: { type: 'number', minimum: 0, maximum: 1 }, total: number });
export const paretoSchema = object({ teamId: string, clients: integer, byTrouble: ranking, byCost: ranking });

const exitRecord = nullable(object({ reasons: { type: 'array', items: reasonSchema }, statedReasons: strings, redFlagExit: { type: 'boolean' } }));
const earlierExit = object({ relationshipId: string, clientName: string, offboardedAt: time, exit: exitRecord, signs: signCounts });
export const exitLessonsSchema = object({
  teamId: string, exits: integer,
  signsBeforeExit: { type: 'array', items: object({ code: { type: 'string', enum: [...REASON_CODES] }, exits: integer, share: number }) },
  offboarded: { type: 'array', items: earlierExit },
  returningClients: { type: 'array', items: object({ relationshipId: string, clientName: string, state, openedAt: time, earlierExits: { type: 'array', items: earlierExit } }) },
});

export const timelineSchema = object({
  relationshipId: string,
  entries: {
    type: 'array',
    items: {
      oneOf: [
        object({ kind: { type: 'string', enum: ['event'] }, at: time, version: integer, type: string, input: anyObject, actor: nullable(anyObject), policyVersion: string, reasons: { type: 'array', items: reasonSchema }, override: nullable(anyObject), data: anyObject }),
        object({ kind: { type: 'string', enum: ['refusal'] }, at: time, input: object({ kind: string, id: string, type: string }), actorId: nullable(string), refusal: object({ code: string, message: string, field: string }) }),
      ],
    },
  },
});
