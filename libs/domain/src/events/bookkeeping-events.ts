// Facts about the account that do not move the machine: its owner, and people's notes.
import { z } from 'zod';
import { commonEventFields } from './signal-events';
import { actorSchema } from './values';

export const accountOwnerAssignedData = z.looseObject({ ...commonEventFields, ownerId: z.string(), previousOwnerId: z.string().nullable() });

export const noteAddedData = z.looseObject({ ...commonEventFields, text: z.string(), by: actorSchema });
