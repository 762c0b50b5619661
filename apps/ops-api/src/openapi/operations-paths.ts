// The routes every offramp process serves besides the API (libs/platform's health, readiness and
// metrics, and this document itself), documented here once, since they are not the ops API's controllers.
import { healthReportSchema, readinessSchema } from '@offramp/observability';
import { apiErrorSchema, schemaRef } from './schemas';

export const OPERATIONS_TAG = 'operations';

const error = (description: string) => ({ description, content: { 'application/json': { schema: schemaRef(apiErrorSchema) } } });
/** Any route reads a JSON body if one is sent: a malformed or oversized one is refused before the route runs. */
const requestErrors = {
  '400': error('The request could not be read: a body was sent that is not JSON (`invalid_command`).'),
  '413': error('A body was sent larger than the configured limit (`payload_too_large`).'),
};

const publicGet = (operationId: string, summary: string, responses: Record<string, unknown>, tag = OPERATIONS_TAG) => ({
  get: { operationId, summary, tags: [tag], security: [], responses: { ...responses, ...requestErrors } },
});

export const OPERATIONS_PATHS = {
  '/health': publicGet('getHealth', 'Health: 200 once ready and every dependency (database, broker) answers', {
    '200': { description: 'Healthy.', content: { 'application/json': { schema: schemaRef(healthReportSchema) } } },
    '503': { description: 'Not ready, or a dependency does not answer; the failing checks say which.', content: { 'application/json': { schema: schemaRef(healthReportSchema) } } },
  }),
  '/ready': publicGet('getReadiness', 'Readiness: started and able to take work', {
    '200': { description: 'Ready.', content: { 'application/json': { schema: schemaRef(readinessSchema) } } },
    '503': { description: 'Still starting or stopping.', content: { 'application/json': { schema: schemaRef(readinessSchema) } } },
  }),
  '/metrics': publicGet('getMetrics', 'Prometheus metrics (text exposition format 0.0.4)', {
    '200': { description: 'The metrics of this process.', content: { 'text/plain': { schema: { type: 'string' } } } },
  }),
  '/openapi.json': publicGet('getOpenApiDocument', 'This OpenAPI document', {
    '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object', description: 'An OpenAPI 3.1 document.' } } } },
  }, 'documents'),
};
