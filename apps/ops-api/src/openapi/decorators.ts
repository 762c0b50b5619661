// Route documentation in one line per route: what it answers and which errors it can give.
import { UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { apiErrorSchema, schemaRef } from './schemas';

const ERROR_MEANING: Record<number, string> = {
  400: 'The input or a query parameter is malformed (`invalid_command`, `invalid_signal`, `invalid_policy`, `invalid_query`, `invalid_request`); `field` names it.',
  401: 'No valid bearer token (`unauthorized`).',
  403: 'The caller may not do this (`forbidden`): a viewer writing, or another team\'s relationship.',
  404: 'No such relationship (or webhook subscription) in the caller\'s team (`not_found`).',
  409: 'A rule refused it (`wrong_state`, `cooling_off`, `receivables_outstanding`, `contract_not_reviewed`, `checklist_incomplete`) or the version moved on (`version_conflict`).',
  413: 'The body is larger than the configured limit (`payload_too_large`).',
};

/** A zod schema becomes a reference to its component; a plain schema object is used as it is. */
export const schemaOf = (schema: z.ZodType | SchemaObject): SchemaObject & Partial<ReferenceObject> => (schema instanceof z.ZodType ? schemaRef(schema) : schema);

/** The documented errors of a route: the error shape, and what each status means. */
export const ErrorResponses = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: ERROR_MEANING[status] ?? 'Error', schema: schemaRef(apiErrorSchema) })));

/** A team-scoped route: bearer token required; documents its success shape and its errors. */
export const OpsRoute = (tag: string, success: { status: number; description: string; schema: z.ZodType | SchemaObject }, ...errors: number[]) =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    UseGuards(BearerAuthGuard),
    ApiResponse({ ...success, schema: schemaOf(success.schema) }),
    ErrorResponses(401, ...errors),
  );
