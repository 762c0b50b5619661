// Starts one offramp process: validated configuration, JSON logs, HTTP with health and metrics,
// and a clean stop on SIGINT/SIGTERM (work in flight finishes or is left for redelivery).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig, type AppConfig } from '@offramp/config';
import { createLogger, type HealthRegistry, type Logger, type Registry } from '@offramp/observability';
import { PinoNestLogger } from './nest-logger';
import { requestLog } from './http/request-log';
import { HEALTH, METRICS } from './tokens';

/** Request bodies parsed as JSON: JSON itself and JSON merge patches (RFC 7386). */
export const JSON_BODY_TYPES = ['application/json', 'application/merge-patch+json'];

export interface BootOptions {
  name: string;
  /** Builds the root module from the configuration. */
  rootModule(config: AppConfig): unknown;
  /** Called once the HTTP port listens (e.g. to print a sign-in link). */
  afterListen?(app: NestExpressApplication, config: AppConfig, logger: Logger): Promise<void> | void;
}

export function readConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`offramp: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

export async function boot(options: BootOptions): Promise<NestExpressApplication> {
  const config = readConfigOrExit();
  const logger = createLogger({ ...config.log, name: options.name });
  const app = await NestFactory.create<NestExpressApplication>(options.rootModule(config) as never, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.use(requestLog(logger, app.get<Registry>(METRICS)));
  app.useBodyParser('json', { limit: config.bodyLimit, type: JSON_BODY_TYPES });
  await app.listen(config.port, config.host);
  app.get<HealthRegistry>(HEALTH).markReady();
  logger.info({ port: config.port }, `${options.name} listening on http://localhost:${config.port}`);
  await options.afterListen?.(app, config, logger);
  stopOnSignals(app, logger);
  return app;
}

/**
 * SIGINT/SIGTERM: stop taking work, let what is in flight finish (anything not committed is
 * delivered again), close the bus and the database, then exit 0; a second signal exits at once.
 */
function stopOnSignals(app: NestExpressApplication, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    logger.info({ signal }, 'stopping');
    app.close().then(
      () => exitAfterFlush(logger, 0),
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        exitAfterFlush(logger, 1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function exitAfterFlush(logger: Logger, code: number): void {
  logger.info({ code }, 'stopped');
  logger.flush(() => process.exit(code));
}

/** Entry points call this: a failure to start is logged and ends the process non-zero. */
export function run(options: BootOptions): void {
  boot(options).catch((e: unknown) => {
    process.stderr.write(`offramp: ${options.name} failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  });
}
