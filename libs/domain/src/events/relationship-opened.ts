// RelationshipOpened: relationship.open accepted, its settings resolved with the policy's defaults.
// Version 1 copied the command's whole `data` into the fact (unknown fields too); version 2 records
// only what the relationship is opened with. A version-1 event is upcast when read.
import { z } from 'zod';
import { dayValue } from './values';

const agreedHoursSchema = z.object({
  days: z.array(z.number().int().min(1).max(7)).describe('ISO weekdays, Monday = 1.'),
  start: z.string().describe('HH:MM'),
  end: z.string().describe('HH:MM'),
  timeZone: z.string(),
});

export const relationshipSettingsSchema = z.object({
  responseWindowHours: z.number(),
  monthlyBudgetHours: z.number().nullable(),
  agreedHours: agreedHoursSchema,
  contractNoticeDays: z.number().int().nullable(),
}).meta({ id: 'RelationshipSettings', description: 'The settings a relationship was opened with, policy defaults filled in.' });

const contractSchema = z.looseObject({
  startsOn: dayValue,
  endsOn: dayValue.optional(),
  noticeDays: z.number().int().nonnegative().optional(),
  monthlyFee: z.number().optional(),
});

export const relationshipOpenedV2 = z.looseObject({
  clientName: z.string(),
  teamId: z.string(),
  contract: contractSchema.optional(),
  settings: relationshipSettingsSchema,
});

/** Version 1: the command's data as sent, plus the resolved settings. */
export const relationshipOpenedV1 = z.looseObject({ clientName: z.string(), teamId: z.string(), settings: relationshipSettingsSchema });

export type RelationshipOpenedData = z.infer<typeof relationshipOpenedV2>;

export function upcastRelationshipOpenedV1(data: z.infer<typeof relationshipOpenedV1>): RelationshipOpenedData {
  const contract = contractSchema.safeParse(data.contract);
  return { clientName: data.clientName, teamId: data.teamId, ...(contract.success ? { contract: contract.data } : {}), settings: data.settings };
}
