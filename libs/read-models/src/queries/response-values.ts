// Value shapes the read-model responses share (zod: their types, the OpenAPI document, the
// dashboard's types and the generated client all derive from these).
import { lifecycleStateSchema, reasonCodeSchema, reasonSchema } from '@offramp/domain';
import { z } from 'zod';

const instant = z.string().meta({ format: 'date-time' });

/** A page of a list, with its paging. */
export const pageSchemaOf = <T extends z.ZodType>(items: T) =>
  z.object({ items: z.array(items), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const repairSummarySchema = z.object({ strategy: z.string(), ownerId: z.string(), reviewOn: z.string(), startedAt: instant })
  .meta({ id: 'RepairSummary', description: 'The repair plan in progress.' });

export const signCountsSchema = z.partialRecord(reasonCodeSchema, z.number().int())
  .meta({ id: 'SignCounts', description: 'Warning signs on record, per reason code.' });

export const episodeSchema = z.object({ startedAt: instant, endedAt: instant, endedIn: lifecycleStateSchema, reasons: z.array(reasonCodeSchema) })
  .meta({ id: 'AtRiskEpisode', description: 'An earlier time at risk: when it started and ended, where it went, and why.' });

export const exitRecordSchema = z.object({
  reasons: z.array(reasonSchema).describe('The reasons on record when the relationship went into notice.'),
  statedReasons: z.array(z.string()).describe('What the team wrote when proposing termination and when serving notice.'),
  redFlagExit: z.boolean(),
}).meta({ id: 'ExitRecord', description: 'Why a relationship was let go.' });

export const earlierExitSchema = z.object({ relationshipId: z.string(), clientName: z.string(), offboardedAt: instant, exit: exitRecordSchema, signs: signCountsSchema })
  .meta({ id: 'EarlierExit', description: 'An earlier relationship with the same client that the team let go.' });

export type Episode = z.infer<typeof episodeSchema>;
export type ExitRecord = z.infer<typeof exitRecordSchema>;
export type EarlierExit = z.infer<typeof earlierExitSchema>;
