// Documents the query parameters the zod schemas in http/query-params.ts accept.
import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { LIFECYCLE_STATES, REASON_CODES } from '@offramp/domain';
import { RELATIONSHIP_SORTS } from '@offramp/read-models';

export const PagingQuery = () =>
  applyDecorators(
    ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } }),
    ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }),
  );

export const RelationshipFilterQuery = () =>
  applyDecorators(
    PagingQuery(),
    ApiQuery({ name: 'state', required: false, schema: { type: 'string', enum: [...LIFECYCLE_STATES] } }),
    ApiQuery({ name: 'reason', required: false, schema: { type: 'string', enum: [...REASON_CODES] }, description: 'Only relationships with this current reason.' }),
    ApiQuery({ name: 'owner', required: false, schema: { type: 'string' }, description: 'The owner of a running repair.' }),
    ApiQuery({ name: 'accountOwner', required: false, schema: { type: 'string' }, description: 'Who looks after the account.' }),
    ApiQuery({ name: 'q', required: false, schema: { type: 'string' }, description: 'Part of the client name or relationship id; any case, accents or not ("zur" finds "Zürich").' }),
    ApiQuery({ name: 'sort', required: false, schema: { type: 'string', enum: [...RELATIONSHIP_SORTS], default: 'risk' }, description: 'risk: highest first; name; updated: latest change first; state: in lifecycle order.' }),
  );
