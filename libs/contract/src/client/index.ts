// The typed client of the ops API for integrators (and the e2e tests): openapi-fetch over the types
// openapi-typescript generates from the OpenAPI document in the build (ops-api.generated.ts).
import createClient from 'openapi-fetch';
import type { paths } from './ops-api.generated';

export type { components, operations, paths } from './ops-api.generated';

export type OpsApiClient = ReturnType<typeof createClient<paths>>;

/** A client of the ops API at `baseUrl`, sending the bearer token when given. */
export function createOpsApiClient(baseUrl: string, token?: string): OpsApiClient {
  return createClient<paths>({ baseUrl, headers: token ? { authorization: `Bearer ${token}` } : {} });
}
