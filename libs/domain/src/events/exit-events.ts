// Facts of a professional exit (rules 13–18, 21): proposal and cooling-off, contract review,
// notice, the exit checklist, offboarding, and every guard an admin lifted.
import { z } from 'zod';
import { commonEventFields } from './signal-events';
import { actorSchema, instantValue, reasonSchema, transitionSchema } from './values';

export const terminationProposedData = z.looseObject({ ...commonEventFields, transition: transitionSchema, reason: z.string(), coolingOffEndsAt: instantValue });

export const coolingOffEndedData = z.looseObject({ ...commonEventFields, coolingOffEndedAt: instantValue });

export const contractReviewedData = z.looseObject({
  ...commonEventFields,
  transition: transitionSchema,
  terminationAllowed: z.boolean(),
  looseEnds: z.array(z.string()),
  paidWorkDelivered: z.boolean(),
});

export const guardOverriddenData = z.looseObject({
  ...commonEventFields,
  guards: z.array(z.string()).describe('The guards lifted (refusal codes).'),
  by: actorSchema,
  reason: z.string().optional(),
  waivedSteps: z.array(z.string()).optional(),
});

export const noticeServedData = z.looseObject({
  ...commonEventFields,
  transition: transitionSchema,
  reason: z.string(),
  channel: z.string(),
  noticeDays: z.number().int().nonnegative(),
  endsAt: instantValue,
  redFlagExit: z.boolean(),
  talkingPoints: z.array(z.string()).optional(),
  warning: z.string().optional().describe('Set when the channel is a poor one for notice.'),
});

export const noticeWithdrawnData = z.looseObject({ ...commonEventFields, transition: transitionSchema, reason: z.string(), reasons: z.array(reasonSchema) });

export const offboardingStepCompletedData = z.looseObject({
  ...commonEventFields,
  step: z.string(),
  note: z.string().optional(),
  waived: z.array(z.string()).describe('Required steps an admin waived to close contact.'),
});

export const noticePeriodEndedData = z.looseObject({ ...commonEventFields, endedAt: instantValue });

export const relationshipOffboardedData = z.looseObject({ ...commonEventFields, transition: transitionSchema, noticeEndedAt: instantValue.nullable().optional() });
