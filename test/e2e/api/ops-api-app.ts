// The ops API as it runs in the product, in-process: OpsApiModule over the platform's tokens,
// provided here by a small global module on a test database, served on a free local port.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { migrate } from '@offramp/event-store';
import { webhookMigrations } from '@offramp/notifications';
import { createLogger, createMetricsRegistry } from '@offramp/observability';
import { CLOCK, CONFIG, DATABASE, ENGINE, EVENT_STORE, JSON_BODY_TYPES, LOGGER, METRICS, POLICIES, requestLog } from '@offramp/platform';
import type { Role } from '@offramp/domain';
import { signToken } from '../../../apps/ops-api/src/auth/caller';
import { OpsApiModule } from '../../../apps/ops-api/src/ops-api.module';
import { startTestProduct, type TestProduct } from '../../integration/read-models/product';

export const JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
export const BODY_LIMIT = '16kb';

/** A parsed JSON answer, read freely in assertions (whatever is missing fails the assertion). */
export interface Loose { [key: string]: Loose; <A extends unknown[]>(...args: A): Loose }

export interface OpsApi {
  product: TestProduct;
  app: NestExpressApplication;
  url: string;
  tokenFor(sub: string, teamId: string, role: Role): string;
  call(method: string, path: string, options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; body: Loose; headers: Headers }>;
  close(): Promise<void>;
}

function platformModule(product: TestProduct): DynamicModule {
  @Global()
  @Module({})
  class TestPlatformModule {}
  const providers = [
    { provide: CONFIG, useValue: { port: 0, jwtSecret: JWT_SECRET, bodyLimit: BODY_LIMIT, dataDir: '/nonexistent' } },
    { provide: LOGGER, useValue: createLogger({ level: 'silent' }) },
    { provide: METRICS, useValue: createMetricsRegistry({ defaultMetrics: false }) },
    { provide: DATABASE, useValue: product.db },
    { provide: EVENT_STORE, useValue: product.store },
    { provide: CLOCK, useValue: product.clock },
    { provide: ENGINE, useValue: product.engine },
    { provide: POLICIES, useValue: product.policies },
  ];
  return { module: TestPlatformModule, providers, exports: providers.map((p) => p.provide) };
}

export async function startOpsApi(prefix: string): Promise<OpsApi> {
  const product = await startTestProduct(prefix);
  await migrate(product.db, webhookMigrations);
  const moduleRef = await Test.createTestingModule({ imports: [platformModule(product), OpsApiModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  app.use(requestLog(createLogger({ level: 'silent' })));
  app.useBodyParser('json', { limit: BODY_LIMIT, type: JSON_BODY_TYPES });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    product, app, url,
    tokenFor: (sub, teamId, role) => signToken({ sub, teamId, role }, JWT_SECRET, '1h'),
    async call(method, path, { token, body, rawBody, headers = {} } = {}) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
      return { status: res.status, body: parsed as Loose, headers: res.headers };
    },
    async close() {
      await app.close();
      await product.close();
    },
  };
}
