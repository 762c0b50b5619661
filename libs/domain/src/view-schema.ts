// What a person or the simulate CLI sees of one relationship, as a schema (the type derives from it).
import { z } from 'zod';
import { lifecycleStateSchema, noticePhaseSchema, reasonSchema } from './events/values';

/** Policy rules 24–25: the score read at the moment of the request, never the value stored with the last event. */
export const riskScoreValue = z.number().int().min(0).max(100)
  .describe('The risk score now: decayed to the moment of the request, 100 at a red flag, and not below the at-risk threshold while a reason from rules 1–4 or 7–8 is current.');

export const relationshipViewSchema = z.object({
  relationshipId: z.string(),
  state: lifecycleStateSchema,
  phase: noticePhaseSchema.nullable(),
  riskScore: riskScoreValue,
  reasons: z.array(reasonSchema),
}).meta({ id: 'RelationshipView', description: 'State, phase, risk score (0–100) and reasons of one relationship.' });
