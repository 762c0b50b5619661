// Facts of a repair attempt (rules 11–12).
import { z } from 'zod';
import { commonEventFields } from './signal-events';
import { reasonSchema, transitionSchema } from './values';

export const repairStartedData = z.looseObject({
  ...commonEventFields,
  transition: transitionSchema,
  strategy: z.string(),
  ownerId: z.string(),
  reviewOn: z.string(),
});

export const repairReviewDueData = z.looseObject({ ...commonEventFields, reviewOn: z.unknown() });

export const repairConcludedData = z.looseObject({
  ...commonEventFields,
  transition: transitionSchema,
  outcome: z.enum(['improved', 'failed']),
  note: z.string().optional(),
  reasons: z.array(reasonSchema),
  cleanSlate: z.boolean().optional().describe('An improved conclusion starts from a score of 0 (rule 26).'),
});

export const repairFailedData = z.looseObject({ ...commonEventFields, transition: transitionSchema, reviewOn: z.string(), reasons: z.array(reasonSchema) });
