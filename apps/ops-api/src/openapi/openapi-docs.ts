// Serves the OpenAPI 3.1 document at /openapi.json and browsable docs at /docs from inside the
// module, so every app that imports OpsApiModule documents itself. @nestjs/swagger reads the routes;
// every schema comes from zod (the catalogue, the read models, the API's own shapes) and is
// generated into components.schemas. @nestjs/swagger wants the application object; it only reads
// the module container, the config and the HTTP adapter, which DI provides. Routes are added in
// onModuleInit: after controllers, before the 404 handler.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { namedSchemas } from '@offramp/contract';
import { OPERATIONS_PATHS, OPERATIONS_TAG } from './operations-paths';
import { apiErrorSchema, referencedSchemas, schemaRef } from './schemas';

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = 'docs';

const description = `The ops API of offramp: commands and signals in, read models out.

Every /v1 route needs \`Authorization: Bearer <JWT>\` (HS256; claims \`sub\`, \`teamId\`, \`role\`), made with
\`npm run cli -- token --sub ID --team TEAM --role ROLE\`. Reads and writes are scoped to the token's team:
another team's relationship reads as 404; commands to it are refused \`forbidden\`. \`viewer\` reads only;
an \`override\` is honoured for \`admin\` only. Errors are \`{ code, message, field? }\`. Lists take
\`page\` (from 1) and \`pageSize\` (1-200, default 50). The Kafka side is described by the AsyncAPI
document at /asyncapi.json; every payload's JSON Schema is written by \`npm run cli -- schemas DIR\`.`;

const TAGS: Record<string, string> = {
  inputs: 'Commands from people and signals from integrations, decided by the engine.',
  relationships: 'One relationship now, its timeline, and the team\'s relationships.',
  'read models': 'The team\'s board, queues and reports.',
  webhooks: 'The team\'s webhook subscriptions and their deliveries.',
  policy: 'The team\'s policy: read, draft, try against history, activate.',
  audit: 'What the team\'s members sent that was refused for another team\'s or an unknown relationship.',
  dashboard: 'What the dashboard page uses besides the read models.',
  documents: 'The documents that describe this service.',
  [OPERATIONS_TAG]: 'Health, readiness and metrics, for orchestrators and Prometheus.',
};

type SwaggerApp = Parameters<typeof SwaggerModule.createDocument>[0];

/** Every route names its operation where it is declared (`@ApiOperation({ operationId })`); one that does not is caught here. */
const UNNAMED = 'unnamed:';
const operationIdOf = (controllerKey: string, methodKey: string) => `${UNNAMED}${controllerKey}.${methodKey}`;

function assertEveryOperationNamed(document: OpenAPIObject): void {
  const unnamed = Object.values(document.paths).flatMap((item) => Object.values(item as Record<string, { operationId?: string }>))
    .map((operation) => operation.operationId)
    .filter((id): id is string => typeof id === 'string' && id.startsWith(UNNAMED))
    .map((id) => id.slice(UNNAMED.length));
  if (unnamed.length) throw new Error(`routes without an operationId: ${unnamed.join(', ')}`);
}

/** The whole document: the routes @nestjs/swagger found, the operations endpoints, and every schema they use. */
export function openApiDocument(app: SwaggerApp): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('offramp ops API')
    .setVersion('1')
    .setDescription(description)
    .addServer('/', 'The service that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addGlobalResponse({ status: 500, description: 'Unexpected failure (`internal`).', schema: schemaRef(apiErrorSchema) })
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationIdOf, autoTagControllers: false });
  assertEveryOperationNamed(document);
  document.openapi = '3.1.0';
  document.info.license = { name: 'UNLICENSED: proprietary, all rights reserved', identifier: 'LicenseRef-Proprietary' } as OpenAPIObject['info']['license'];
  document.paths = { ...document.paths, ...OPERATIONS_PATHS };
  const used = new Set(JSON.stringify(document.paths).match(/(?<="\$ref":"#\/components\/schemas\/)[^"]+/g) ?? []);
  document.tags = Object.entries(TAGS).map(([name, text]) => ({ name, description: text }));
  const schemas = namedSchemas(referencedSchemas(), (name) => `#/components/schemas/${name}`);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...schemas } };
  // Schemas only other documents' routes referred to are left out (a process without those routes).
  const reachable = reachableSchemas(document, used);
  document.components.schemas = Object.fromEntries(Object.entries(document.components.schemas ?? {}).filter(([name]) => reachable.has(name)));
  return document;
}

/** The schemas reachable from the paths. */
function reachableSchemas(document: OpenAPIObject, roots: Set<string>): Set<string> {
  const all = document.components?.schemas ?? {};
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !(name in all)) return;
    seen.add(name);
    for (const ref of JSON.stringify(all[name]).match(/(?<="\$ref":"#\/components\/schemas\/)[^"]+/g) ?? []) visit(ref);
  };
  roots.forEach(visit);
  return seen;
}

@Injectable()
export class OpenApiDocs implements OnModuleInit {
  constructor(private readonly modules: ModulesContainer, private readonly config: ApplicationConfig, private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    const httpAdapter = this.adapter.httpAdapter;
    const app = {
      container: { getModules: () => this.modules, isGlobalModule: () => false },
      config: this.config,
      getHttpAdapter: () => httpAdapter,
      useStaticAssets: (path: string, options: unknown) => httpAdapter.useStaticAssets?.(path, options),
    } as unknown as SwaggerApp;
    SwaggerModule.setup(DOCS_PATH, app, () => openApiDocument(app), { jsonDocumentUrl: OPENAPI_PATH, raw: ['json'] });
  }
}
