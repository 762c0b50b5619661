// Serves the OpenAPI 3 document at /openapi.json and browsable docs at /docs from inside the
// module, so every app that imports OpsApiModule documents itself. @nestjs/swagger wants the
// application object; it only reads the module container, the config and the HTTP adapter,
// which DI provides. Routes are added in onModuleInit: after controllers, before the 404 handler.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { errorSchema } from './schemas';

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = 'docs';

const description = `The ops API of offramp: commands and signals in, read models out.

Every /v1 route needs \`Authorization: Bearer <JWT>\` (HS256; claims \`sub\`, \`teamId\`, \`role\`), made with
\`npm run cli -- token --sub ID --team TEAM --role ROLE\`. Reads and writes are scoped to the token's team:
another team's relationship reads as 404; commands to it are refused \`forbidden\`. \`viewer\` reads only;
an \`override\` is honoured for \`admin\` only. Errors are \`{ code, message, field? }\`. Lists take
\`page\` (from 1) and \`pageSize\` (1-200, default 50).`;

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
    } as unknown as Parameters<typeof SwaggerModule.createDocument>[0];
    SwaggerModule.setup(DOCS_PATH, app, () => this.document(app), { jsonDocumentUrl: OPENAPI_PATH, raw: ['json'] });
  }

  private document(app: Parameters<typeof SwaggerModule.createDocument>[0]): OpenAPIObject {
    const config = new DocumentBuilder()
      .setTitle('offramp ops API')
      .setVersion('1')
      .setDescription(description)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addGlobalResponse({ status: 500, description: 'Unexpected failure (`internal`).', schema: errorSchema })
      .build();
    return SwaggerModule.createDocument(app, config);
  }
}
