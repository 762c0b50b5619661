// The command catalogue of contract.md (v1): one `data` schema per type. Unknown fields pass.
import { z } from 'zod';
import { amount, day, instant, text } from './fields';

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
    teamId: text,
    contract: z.looseObject({
      startsOn: day,
      endsOn: day.optional(),
      noticeDays: z.number().int().nonnegative().optional(),
      monthlyFee: amount.nonnegative().optional(),
    }).optional(),
    responseWindowHours: z.number().positive().finite().optional(),
    monthlyBudgetHours: z.number().positive().finite().optional(),
    agreedHours: z.looseObject({
      days: z.array(z.number().int().min(1).max(7)).min(1),
      start: clock,
      end: clock,
      timeZone: text,
    }).optional(),
  }),
  'repair.start': z.looseObject({ strategy: z.enum(REPAIR_STRATEGIES), ownerId: text, reviewOn: day }),
  'repair.conclude': z.looseObject({ outcome: z.enum(['improved', 'failed']), note: z.string().optional() }),
  'termination.propose': z.looseObject({ reason: text }),
  'contract.review': z.looseObject({
    terminationAllowed: z.boolean(),
    looseEnds: z.array(z.string()),
    paidWorkDelivered: z.boolean(),
  }),
  'notice.serve': z.looseObject({
    reason: text,
    channel: z.enum(NOTICE_CHANNELS),
    noticeDays: z.number().int().nonnegative().optional(),
    talkingPoints: z.array(z.string()).optional(),
  }),
  'notice.withdraw': z.looseObject({ reason: text }),
  'offboarding.complete_step': z.looseObject({ step: z.enum(OFFBOARDING_STEPS), note: z.string().optional() }),
  // Bookkeeping: who looks after the account, and notes on the timeline. Neither moves the machine.
  'account.assign_owner': z.looseObject({ ownerId: text }),
  'note.add': z.looseObject({ text: text.max(4000) }),
} as const;

export type CommandType = keyof typeof COMMAND_DATA;
export const COMMAND_TYPES = Object.keys(COMMAND_DATA) as CommandType[];

export const commandEnvelope = z.looseObject({
  kind: z.literal('command').optional(),
  id: text,
  type: text,
  relationshipId: text,
  issuedAt: instant,
  actor: z.looseObject({ id: text, teamId: text, role: z.enum(['viewer', 'manager', 'admin']) }),
  data: z.looseObject({}),
  override: z.looseObject({ reason: text }).optional(),
});

/** The full schema of one command type (envelope with its `data`), for JSON Schema export. */
export const commandSchemaOf = (type: CommandType) =>
  commandEnvelope.extend({ type: z.literal(type), data: COMMAND_DATA[type] });
