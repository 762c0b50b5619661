// Route documentation in one line per route: what it answers and which errors it can give.
import { UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { errorSchema } from './schemas';

const ERROR_MEANING: Record<number, string> = {
  400: 'The input or a query parameter is malformed (`invalid_command`, `invalid_signal`, `invalid_policy`, `invalid_query`, `invalid_request`); `field` names it.',
  401: 'No valid bearer token (`unauthorized`).',
  403: 'The caller may not do this (`forbidden`): a viewer writing, or another team\'s relationship.',
  404: 'No such relationship (or webhook subscription) in the caller\'s team (`not_found`).',
  409: 'A rule refused it (`wrong_state`, `cooling_off`, `receivables_outstanding`, `contract_not_reviewed`, `checklist_incomplete`) or the version moved on (`version_conflict`).',
  413: 'The body is larger than the configured limit (`payload_too_large`).',
};

/** A team-scoped route: bearer token required; documents its success shape and its errors. */
export const OpsRoute = (tag: string, success: { status: number; description: string; schema: SchemaObject }, ...errors: number[]) =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    UseGuards(BearerAuthGuard),
    ApiResponse(success),
    ...[401, ...errors].map((status) => ApiResponse({ status, description: ERROR_MEANING[status] ?? 'Error', schema: errorSchema })),
  );
