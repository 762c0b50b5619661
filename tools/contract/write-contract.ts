// Writes the contract documents of the built product into a folder: openapi.json (the routes of the
// ops API and the dashboard, as the running service serves them), asyncapi.json and every published
// JSON Schema. The build runs it (compiled: NestJS needs the decorator metadata tsc emits) and
// generates the typed client from openapi.json. No database or broker is touched: the routes are
// read from the modules, whose providers get inert stand-ins.
import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { asyncApiDocument, publishedJsonSchemas } from '@offramp/contract';
import { createLogger, createMetricsRegistry, HealthRegistry } from '@offramp/observability';
import * as platform from '@offramp/platform';
import { CONFIG, HEALTH, LOGGER, METRICS } from '@offramp/platform';
import { DashboardModule } from '../../apps/dashboard/src/dashboard.module';
import { OpsApiModule } from '../../apps/ops-api/src/ops-api.module';
import { openApiDocument } from '../../apps/ops-api/src/openapi/openapi-docs';

const working = new Map<symbol, unknown>([
  [CONFIG, { port: 0, jwtSecret: 'documents-only-never-verifies-a-token', bodyLimit: '256kb', dataDir: '/nonexistent' }],
  [LOGGER, createLogger({ level: 'silent' })],
  [METRICS, createMetricsRegistry({ defaultMetrics: false })],
  [HEALTH, new HealthRegistry()],
]);
/** Every platform token: the few a constructor uses get working values, the rest an empty stand-in. */
const tokens: symbol[] = (Object.values(platform) as unknown[]).filter((value): value is symbol => typeof value === 'symbol');
const providers = tokens.map((token) => ({ provide: token, useValue: working.has(token) ? working.get(token) : {} }));

@Global()
@Module({ providers, exports: tokens })
class InertPlatformModule {}

@Module({ imports: [InertPlatformModule, OpsApiModule, DashboardModule] })
class DocumentedRoutesModule {}

async function main(dir: string): Promise<void> {
  const app = await NestFactory.create(DocumentedRoutesModule, { logger: false, abortOnError: false });
  const openapi = openApiDocument(app);
  await app.close();
  const schemas = publishedJsonSchemas();
  await mkdir(path.join(dir, 'schemas'), { recursive: true });
  await writeFile(path.join(dir, 'openapi.json'), `${JSON.stringify(openapi, null, 2)}\n`);
  await writeFile(path.join(dir, 'asyncapi.json'), `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
  for (const [name, schema] of Object.entries(schemas)) await writeFile(path.join(dir, 'schemas', `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
}

const dir = process.argv[2];
if (!dir || dir.startsWith('-')) {
  process.stderr.write('usage: node dist/tools/contract/write-contract.js DIR\n');
  process.exit(2);
}
main(path.resolve(dir)).catch((error: unknown) => {
  process.stderr.write(`write-contract: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
