// embedded-http: the embedded default (in-process bus + PGlite, no configuration) taking signals
// over HTTP, as an integration sends them: each signal its own POST /v1/signals on keep-alive
// connections, from a process of its own, at a fixed rate; each timed from its send until every
// read model has committed its facts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Benchmark } from '../harness/benchmark';
import type { BenchContext } from '../harness/context';
import { atMost, type Figure } from '../harness/figures';
import { percentile } from '../harness/measure';
import { firstLine, requireExports, skip } from '../harness/skip';
import { startHttpLoad } from '../workload/http-load';
import { openingCommands, produceAll, signalsForLoads } from '../workload/signal-feed';

const ROOT = path.resolve(__dirname, '..', '..');
/** The HTTP side runs as built (NestJS needs the compiler's decorator metadata); the rest from source. */
const BUILT_OPS_API = path.join(ROOT, 'dist', 'apps', 'ops-api', 'src', 'ops-api.module.js');
const BUILT_PLATFORM = path.join(ROOT, 'dist', 'libs', 'platform', 'src', 'index.js');
const HTTP_SOURCES = ['apps/ops-api/src', 'libs/platform/src', 'libs/auth/src'].map((dir) => path.join(ROOT, dir));
const LATENCY_RATE = 2_000;
const LIGHT_RATE = 200;
/** Keep-alive connections: at 2,000/s, room for 64 ms of answers in flight before a request waits for one. */
const CONNECTIONS = 128;
const TARGET_P99_MS = 100;

interface Sizes { relationships: number; latencySeconds: number; lightSeconds: number }

const newestMtime = (dir: string): number => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
  .reduce((newest, entry) => Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);

/** Builds the product when `dist` is missing or older than the HTTP side's sources. */
function ensureBuilt(context: BenchContext): void {
  const fresh = existsSync(BUILT_OPS_API) && Math.max(...HTTP_SOURCES.map(newestMtime)) < statSync(BUILT_OPS_API).mtimeMs;
  if (fresh) return;
  context.progress('dist is missing or older than the ops API: npm run build');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (build.status !== 0 || !existsSync(BUILT_OPS_API)) skip(`the product could not be built: ${firstLine(build.stderr || build.stdout || `exit ${build.status}`)}`);
}

export const embeddedHttpBenchmark: Benchmark = {
  name: 'embedded-http',
  description: `the embedded default (npm start, no configuration) taking signals one POST each at ${LATENCY_RATE.toLocaleString('en-US')}/s: POST → every read model p99 ≤ ${TARGET_P99_MS} ms`,
  async run(context) {
    const { createPlatform } = await requireExports('the platform', () => import('@offramp/platform'), ['createPlatform']);
    const { loadConfig } = await requireExports('the configuration', () => import('@offramp/config'), ['loadConfig']);
    const { createLogger } = await requireExports('the logger', () => import('@offramp/observability'), ['createLogger']);
    const { resolveJwtSecret, signToken } = await requireExports('auth', () => import('@offramp/auth'), ['resolveJwtSecret', 'signToken']);
    const { DEFAULT_TOPICS } = await requireExports('messaging', () => import('@offramp/messaging'), ['DEFAULT_TOPICS']);
    const { startPipeline, arrivalProbe } = await requireExports('the product pipeline', () => import('../workload/product-pipeline'), ['startPipeline', 'arrivalProbe']);
    ensureBuilt(context);
    await import('reflect-metadata');
    const { NestFactory } = await import('@nestjs/core');
    const built = (await import(BUILT_PLATFORM)) as typeof import('@offramp/platform');
    const { OpsApiModule } = (await import(BUILT_OPS_API)) as typeof import('../../apps/ops-api/src/ops-api.module');

    const sizes: Sizes = context.quick
      ? { relationships: 2_000, latencySeconds: 3, lightSeconds: 2 }
      : { relationships: 5_000, latencySeconds: 10, lightSeconds: 5 };
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'offramp-bench-http-'));
    context.defer(() => rm(dataDir, { recursive: true, force: true }));
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: '0', HOST: '127.0.0.1' }, false);
    const logger = createLogger({ level: 'warn', name: 'bench-embedded-http' });
    const platform = await createPlatform(config, logger);
    const probe = arrivalProbe(new Map());
    // The read models, the outbox and the bus worker, as the projector and worker modules run them.
    const pipeline = await startPipeline(platform, [probe]);
    context.defer(() => pipeline.stop());

    // The ops API as the product serves it; the pipeline closes the platform, not the app.
    class BenchHttpModule {}
    const app = await NestFactory.create({
      module: BenchHttpModule,
      imports: [built.PlatformModule.forRoot(config, Promise.resolve({ ...platform, close: async () => {} })), OpsApiModule],
    } as never, { logger: false, bodyParser: false, abortOnError: false });
    app.use(built.requestLog(logger, platform.metrics));
    (app as unknown as { useBodyParser(type: string, options: object): void }).useBodyParser('json', { limit: config.bodyLimit, type: built.JSON_BODY_TYPES });
    await app.listen(0, '127.0.0.1');
    context.defer(() => app.close());
    const { port } = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${port}`;
    const token = signToken({ sub: 'u-bench', teamId: 'team-bench', role: 'manager' }, resolveJwtSecret(config), '1h');

    const opens = openingCommands(sizes.relationships);
    context.progress(`opening ${opens.length} relationships on the bus`);
    await produceAll((messages) => platform.bus.publish(DEFAULT_TOPICS.commands, messages.map(({ key, value }) => ({ key, value }))), opens);
    await pipeline.settled(opens.length, 60_000 + opens.length * 10);

    const loads = [
      { perSecond: LIGHT_RATE, seconds: sizes.lightSeconds },
      { perSecond: LATENCY_RATE, seconds: sizes.latencySeconds, limitMs: TARGET_P99_MS },
    ];
    const parts = signalsForLoads(sizes.relationships, loads);
    const figures: Figure[] = [];
    for (const [i, load] of loads.entries()) {
      const batch = parts[i]!;
      context.progress(`${batch.length} signals at ${load.perSecond}/s, one POST each on up to ${CONNECTIONS} connections`);
      const cpuBefore = process.cpuUsage();
      const result = await startHttpLoad({
        url, token, perSecond: load.perSecond, connections: CONNECTIONS,
        bodies: batch.map((message) => message.value), ids: batch.map((message) => message.id),
      });
      // Every request was answered, so its append committed: wait for the readers to reach the end.
      await pipeline.settled(opens.length, 60_000 + batch.length * 10);
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMs = (cpu.user + cpu.system) / 1000 / batch.length;

      const samples = batch.flatMap((message) => {
        const sent = result.sentAt.get(message.id);
        const arrived = probe.arrivedAt.get(message.id);
        return sent !== undefined && arrived !== undefined ? [arrived - sent] : [];
      });
      if (samples.length === 0) throw new Error(`no signal reached the read models: answers ${JSON.stringify(result.statuses)}`);
      const p50 = percentile(samples, 50);
      const p99 = percentile(samples, 99);
      const fed = (batch.length * 1000) / result.feedMs;
      const answers = Object.entries(result.statuses).map(([status, n]) => `${n} × ${status}`).join(', ');
      context.progress(`  p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${samples.length} signals; fed ${Math.round(fed)}/s; answers ${answers}; answer p99 ${percentile(result.answerMs, 99).toFixed(1)} ms; product CPU ${cpuMs.toFixed(2)} ms per signal`);
      const rate = `${load.perSecond.toLocaleString('en-US')} signals/s${fed < load.perSecond * 0.95 ? ` offered, ${Math.round(fed).toLocaleString('en-US')}/s fed` : ''}`;
      const missing = batch.length - samples.length;
      const note = `${samples.length} signals${missing > 0 ? ` (${missing} without facts)` : ''}, fed at ${Math.round(fed)}/s (sent at ${Math.round((batch.length * 1000) / result.sendMs)}/s), answers ${answers}, POST → answer p50 ${percentile(result.answerMs, 50).toFixed(1)} ms p99 ${percentile(result.answerMs, 99).toFixed(1)} ms, product process CPU ${cpuMs.toFixed(2)} ms per signal`;
      const name = 'embedded over HTTP (in-process bus + PGlite) POST → read models';
      figures.push(
        { name: `${name} p50 at ${rate}`, value: p50, unit: 'ms', note },
        { name: `${name} p99 at ${rate}`, value: p99, unit: 'ms', targets: load.limitMs === undefined ? undefined : [atMost(load.limitMs)], note },
      );
    }
    return figures;
  },
};
