// The event catalogue: one `data` schema per domain event type, the version each is written at,
// and the envelope every event shares. RelationshipEvent, the JSON Schemas, the AsyncAPI messages
// and the CloudEvents types all derive from this table.
import { z } from 'zod';
import { clientWarnedData, fadingCheckedData, messageUnansweredData, paymentCountedLateData, redFlagExitStartedData, relationshipMarkedAtRiskData, riskFadedData, signalRecordedData } from './signal-events';
import { repairConcludedData, repairFailedData, repairReviewDueData, repairStartedData } from './repair-events';
import {
  contractReviewedData, coolingOffEndedData, guardOverriddenData, noticePeriodEndedData, noticeServedData, noticeWithdrawnData,
  offboardingStepCompletedData, relationshipOffboardedData, terminationProposedData,
} from './exit-events';
import { accountOwnerAssignedData, noteAddedData } from './bookkeeping-events';
import { relationshipOpenedV2 } from './relationship-opened';
import { inputRefSchema, instantValue, traceContextSchema } from './values';

/** Every event type, what it means, its current `data` schema and the schema version it is written at. */
export const EVENT_CATALOGUE = {
  RelationshipOpened: { version: 2, data: relationshipOpenedV2, description: 'relationship.open accepted, settings resolved with the policy defaults.' },
  SignalRecorded: { version: 1, data: signalRecordedData, description: 'An accepted signal, with its data, how the policy judged it and the new score.' },
  ClientWarned: { version: 1, data: clientWarnedData, description: 'A first verbal abuse: the client was warned (rule 1).' },
  PaymentCountedLate: { version: 1, data: paymentCountedLateData, description: 'An invoice unpaid when its due day passed, or paid after it (rule 2).' },
  MessageUnanswered: { version: 1, data: messageUnansweredData, description: 'A reply window ran out (rule 3).' },
  RelationshipMarkedAtRisk: { version: 1, data: relationshipMarkedAtRiskData, description: 'healthy → at_risk by rules 1–6.' },
  RedFlagExitStarted: { version: 1, data: redFlagExitStartedData, description: 'Rules 7–8: → notice (preparing), or a served notice becomes a red-flag exit.' },
  RepairStarted: { version: 1, data: repairStartedData, description: 'A repair attempt started (rule 11).' },
  RepairReviewDue: { version: 1, data: repairReviewDueData, description: 'The review date of a repair came (rule 12).' },
  RepairConcluded: { version: 1, data: repairConcludedData, description: 'A repair was concluded, improved or failed (rule 12).' },
  RepairFailed: { version: 1, data: repairFailedData, description: 'A warning sign after the review date: the repair failed (rule 12).' },
  TerminationProposed: { version: 1, data: terminationProposedData, description: 'Termination proposed, with the end of cooling-off (rule 13).' },
  CoolingOffEnded: { version: 1, data: coolingOffEndedData, description: 'Cooling-off ran out.' },
  ContractReviewed: { version: 1, data: contractReviewedData, description: 'The contract was reviewed (rule 14).' },
  GuardOverridden: { version: 1, data: guardOverriddenData, description: 'An admin lifted guards: who, why, which guards and waived steps (rule 21).' },
  NoticeServed: { version: 1, data: noticeServedData, description: 'Notice served, with its period, its end and any channel warning (rule 15).' },
  NoticeWithdrawn: { version: 1, data: noticeWithdrawnData, description: 'Notice withdrawn (rule 16).' },
  OffboardingStepCompleted: { version: 1, data: offboardingStepCompletedData, description: 'A step of the exit checklist completed (rule 17).' },
  NoticePeriodEnded: { version: 1, data: noticePeriodEndedData, description: 'The notice period ran out.' },
  RelationshipOffboarded: { version: 1, data: relationshipOffboardedData, description: 'The relationship was offboarded (rule 18).' },
  RiskFaded: { version: 1, data: riskFadedData, description: 'at_risk → healthy by itself (rule 10).' },
  FadingChecked: { version: 1, data: fadingCheckedData, description: 'A fading check found the relationship could not fade yet.' },
  AccountOwnerAssigned: { version: 1, data: accountOwnerAssignedData, description: 'account.assign_owner: who looks after the account from now on.' },
  NoteAdded: { version: 1, data: noteAddedData, description: 'note.add: a person\'s note on the timeline (changes no state).' },
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

/** The schema version each event type is written at. */
export const eventSchemaVersionOf = (type: EventType): number => EVENT_CATALOGUE[type].version;

/** Fields every event has besides `type` and `data`. */
export const eventEnvelopeFields = {
  relationshipId: z.string(),
  at: instantValue.describe('Event time: the time of the input that caused it.'),
  policyVersion: z.string().describe('The policy version that made the decision.'),
  causedBy: inputRefSchema,
  schemaVersion: z.number().int().positive().optional().describe('The version of this type\'s schema the event was written at; absent means 1.'),
  trace: traceContextSchema.optional(),
};

const eventSchemaOf = <T extends EventType>(type: T) =>
  z.object({ type: z.literal(type), ...eventEnvelopeFields, data: EVENT_CATALOGUE[type].data })
    .meta({ id: type, title: type, description: EVENT_CATALOGUE[type].description });

/** One schema per event type: the envelope with that type's `data`, at its current version. */
export const EVENT_SCHEMAS = {
  RelationshipOpened: eventSchemaOf('RelationshipOpened'),
  SignalRecorded: eventSchemaOf('SignalRecorded'),
  ClientWarned: eventSchemaOf('ClientWarned'),
  PaymentCountedLate: eventSchemaOf('PaymentCountedLate'),
  MessageUnanswered: eventSchemaOf('MessageUnanswered'),
  RelationshipMarkedAtRisk: eventSchemaOf('RelationshipMarkedAtRisk'),
  RedFlagExitStarted: eventSchemaOf('RedFlagExitStarted'),
  RepairStarted: eventSchemaOf('RepairStarted'),
  RepairReviewDue: eventSchemaOf('RepairReviewDue'),
  RepairConcluded: eventSchemaOf('RepairConcluded'),
  RepairFailed: eventSchemaOf('RepairFailed'),
  TerminationProposed: eventSchemaOf('TerminationProposed'),
  CoolingOffEnded: eventSchemaOf('CoolingOffEnded'),
  ContractReviewed: eventSchemaOf('ContractReviewed'),
  GuardOverridden: eventSchemaOf('GuardOverridden'),
  NoticeServed: eventSchemaOf('NoticeServed'),
  NoticeWithdrawn: eventSchemaOf('NoticeWithdrawn'),
  OffboardingStepCompleted: eventSchemaOf('OffboardingStepCompleted'),
  NoticePeriodEnded: eventSchemaOf('NoticePeriodEnded'),
  RelationshipOffboarded: eventSchemaOf('RelationshipOffboarded'),
  RiskFaded: eventSchemaOf('RiskFaded'),
  FadingChecked: eventSchemaOf('FadingChecked'),
  AccountOwnerAssigned: eventSchemaOf('AccountOwnerAssigned'),
  NoteAdded: eventSchemaOf('NoteAdded'),
};

const [firstEvent, ...otherEvents] = Object.values(EVENT_SCHEMAS);

/** Any domain event, discriminated by `type`. */
export const relationshipEventSchema = z.discriminatedUnion('type', [firstEvent, ...otherEvents])
  .meta({ id: 'RelationshipEvent', description: 'A domain event: a fact, named in the past tense.' });

export type EventData<T extends EventType> = z.infer<(typeof EVENT_CATALOGUE)[T]['data']>;
type Envelope = z.infer<z.ZodObject<typeof eventEnvelopeFields>>;
/** One event type's event: the envelope, its `type` and its typed `data` (what relationshipEventSchema parses). */
export type EventOf<T extends EventType> = Flat<{ type: T } & Envelope & { data: EventData<T> }>;
type Flat<X> = { [K in keyof X]: X[K] };
/** A relationship's fact: one member per event type, discriminated by `type`, each with its typed `data`. */
export type RelationshipEvent = { [T in EventType]: EventOf<T> }[EventType];
/** What a decision says happened, before the envelope is added: a type with its data. */
export type Fact = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

/**
 * An event as a store holds it, of any stream (a relationship's or a team policy's): the envelope,
 * the type's name and its data as JSON. The domain narrows it by `type` (isRelationshipEvent).
 */
export const domainEventSchema = z.object({ type: z.string(), ...eventEnvelopeFields, data: z.record(z.string(), z.unknown()) });
export type DomainEvent = z.infer<typeof domainEventSchema>;

/** True for the types of a relationship's stream (the catalogue's). */
export const isEventType = (type: string): type is EventType => Object.hasOwn(EVENT_CATALOGUE, type);

/**
 * Narrows a stored event by its type. Its data is trusted as the domain wrote it: every event in a
 * relationship's stream was decided here, at the type's schema (older versions are upcast on read).
 */
export const isRelationshipEvent = (event: DomainEvent): event is RelationshipEvent => isEventType(event.type);
