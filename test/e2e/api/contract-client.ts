// The typed client generated from the OpenAPI document (libs/contract/src/client), as an integrator
// would use it, with one addition for tests: every answer is checked against the schema the served
// document gives for its operation and status, so a response that drifts from the document fails.
import { createOpsApiClient, type components, type OpsApiClient } from '../../../libs/contract/src/client';
import { validatorsOf, type Document, type DocumentValidators } from '../../support/document-validators';

interface Operation { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }

export interface ContractClient {
  client: OpsApiClient;
  /** Every answer read so far that did not match the document, as `METHOD path status: problem`. */
  mismatches: string[];
  /** How many answers were checked. */
  checked(): number;
}

export async function contractClient(baseUrl: string, token?: string, document?: Document): Promise<ContractClient> {
  const doc = document ?? ((await (await fetch(`${baseUrl}/openapi.json`)).json()) as Document);
  const validators: DocumentValidators = validatorsOf(doc);
  const mismatches: string[] = [];
  let checked = 0;
  const client = createOpsApiClient(baseUrl, token);
  client.use({
    async onResponse({ request, response, schemaPath }) {
      const operations = (doc.paths as Record<string, Record<string, Operation>>)[schemaPath];
      const operation = operations?.[request.method.toLowerCase()];
      const where = `${request.method} ${schemaPath} ${response.status}`;
      const described = operation?.responses?.[String(response.status)] ?? operation?.responses?.[`${String(response.status)[0]}XX`];
      if (!described) {
        mismatches.push(`${where}: status not documented`);
        return;
      }
      const schema = described.content?.['application/json']?.schema;
      if (!schema) return;
      const body: unknown = await response.clone().json();
      checked += 1;
      for (const problem of validators.problems(schema, body)) mismatches.push(`${where}: ${problem}`);
    },
  });
  return { client, mismatches, checked: () => checked };
}

/** The client's answer as the tests read it: the status, the body (data or error) and the headers. */
export const answer = <B = Record<string, unknown>>({ data, error, response }: { data?: unknown; error?: unknown; response: Response }) =>
  ({ status: response.status, body: (data ?? error) as B, headers: response.headers });

export type InputPath = '/v1/commands' | '/v1/signals';

/** One command, or one signal or an array of them, sent through the generated client as an integrator would. */
export async function sendInput(baseUrl: string, token: string, path: InputPath, body: unknown) {
  const client = createOpsApiClient(baseUrl, token);
  return answer(path === '/v1/commands'
    ? await client.POST(path, { body: body as components['schemas']['CommandBody'] })
    : await client.POST(path, { body: body as components['schemas']['SignalBody'] }));
}
