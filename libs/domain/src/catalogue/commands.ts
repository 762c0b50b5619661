// The command catalogue of contract.md (v1): one `data` schema per type. Unknown fields pass.
import { z } from 'zod';
import { isKnownTimeZone } from '../policy/off-hours';
import { amount, bounded, day, identifier, instant, LIMITS, prose, proseList, statement, text } from './fields';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');

export const REPAIR_STRATEGIES = ['self_reflection', 'communication_change', 'new_contract', 'check_in_call', 'profitability_talk'] as const;
export const NOTICE_CHANNELS = ['in_person', 'video', 'phone', 'email', 'text'] as const;
export const OFFBOARDING_STEPS = [
  'deliverables_completed', 'transition_plan', 'referral_offered', 'refund_settled', 'final_invoice_paid', 'thanked', 'contact_closed',
] as const;
export type OffboardingStep = (typeof OFFBOARDING_STEPS)[number];

export const COMMAND_DATA = {
  'relationship.open': z.looseObject({
    clientName: text,
    teamId: identifier,
    contract: z.looseObject({
      startsOn: day,
      endsOn: day.optional(),
      noticeDays: bounded(LIMITS.noticeDays).int().optional(),
      monthlyFee: amount.nonnegative().optional(),
    }).optional(),
    responseWindowHours: bounded(LIMITS.responseWindowHours, true).optional(),
    monthlyBudgetHours: bounded(LIMITS.monthlyBudgetHours, true).optional(),
    agreedHours: z.looseObject({
      days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
      start: clock,
      end: clock,
      timeZone: text.refine(isKnownTimeZone, 'must be an IANA time zone'),
    }).optional(),
  }),
  'repair.start': z.looseObject({ strategy: z.enum(REPAIR_STRATEGIES), ownerId: identifier, reviewOn: day }),
  'repair.conclude': z.looseObject({ outcome: z.enum(['improved', 'failed']), note: prose.optional() }),
  'termination.propose': z.looseObject({ reason: statement }),
  'contract.review': z.looseObject({
    terminationAllowed: z.boolean(),
    looseEnds: proseList,
    paidWorkDelivered: z.boolean(),
  }),
  'notice.serve': z.looseObject({
    reason: statement,
    channel: z.enum(NOTICE_CHANNELS),
    noticeDays: bounded(LIMITS.noticeDays).int().optional(),
    talkingPoints: proseList.optional(),
  }),
  'notice.withdraw': z.looseObject({ reason: statement }),
  'offboarding.complete_step': z.looseObject({ step: z.enum(OFFBOARDING_STEPS), note: prose.optional() }),
  // Bookkeeping: who looks after the account, and notes on the timeline. Neither moves the machine.
  'account.assign_owner': z.looseObject({ ownerId: identifier }),
  'note.add': z.looseObject({ text: statement.max(4000) }),
} as const;

export type CommandType = keyof typeof COMMAND_DATA;

export const COMMAND_TYPES = Object.keys(COMMAND_DATA) as CommandType[];

export const commandEnvelope = z.looseObject({
  kind: z.literal('command').optional(),
  id: identifier,
  type: text,
  relationshipId: identifier,
  issuedAt: instant,
  actor: z.looseObject({ id: identifier, teamId: identifier, role: z.enum(['viewer', 'manager', 'admin']) }),
  data: z.looseObject({}),
  override: z.looseObject({ reason: statement }).optional(),
});

/** The full schema of one command type (envelope with its `data`), for JSON Schema export. */
export const commandSchemaOf = (type: CommandType) =>
  commandEnvelope.extend({ type: z.literal(type), data: COMMAND_DATA[type] });
