// Query parameters are validated with zod; a bad one is `invalid_query` naming the parameter.
import { LIFECYCLE_STATES, REASON_CODES } from '@offramp/domain';
import { RELATIONSHIP_SORTS } from '@offramp/read-models';
import { z } from 'zod';
import { ApiError } from '../errors/api-error';

export const paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const relationshipFilter = paging.extend({
  state: z.enum(LIFECYCLE_STATES).optional(),
  reason: z.enum(REASON_CODES).optional(),
  owner: z.string().min(1).max(200).optional(),
  accountOwner: z.string().min(1).max(200).optional(),
  q: z.string().min(1).max(200).optional(),
  sort: z.enum(RELATIONSHIP_SORTS).optional(),
});

export const todayParams = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
});

export const relationshipId = z.string().min(1).max(200);

export function parseQuery<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'query';
  throw new ApiError('invalid_query', `${field}: ${issue.message}`, field);
}
