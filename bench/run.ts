// npm run bench [-- --quick] [--only NAME[,NAME]] [--relationships N] [--readme]
// Runs the benchmarks in turn, each against a baseline measured in the same run. Progress goes
// to stderr, the table to stdout, everything to bench/results/latest.json.
import path from 'node:path';
import { benchmarks } from './benchmarks';
import { benchmarkScope, type BenchOptions, type BenchmarkScope } from './harness/context';
import { check } from './harness/figures';
import { sampleLoad } from './harness/load';
import { describeMachine, machineLine } from './harness/machine';
import { updateReadme } from './harness/readme';
import { textTable, writeReport, type BenchmarkOutcome } from './harness/report';
import { BenchmarkSkipped, firstLine } from './harness/skip';
import type { RunningBroker } from '../tools/kafka/broker';

interface RunOptions extends BenchOptions {
  only: string[] | null;
  readme: boolean;
}

const USAGE = `usage: npm run bench -- [--quick] [--only NAME[,NAME...]] [--relationships N] [--readme]

  --quick            a short version of each benchmark (a few minutes in all)
  --only NAMES       run only these benchmarks
  --relationships N  relationships in the store for the scale benchmark (default 1,000,000; quick 20,000)
  --readme           also write the table into bench/README.md

benchmarks:
${benchmarks.map((benchmark) => `  ${benchmark.name.padEnd(10)} ${benchmark.description}`).join('\n')}`;

function parseOptions(argv: string[]): RunOptions {
  const options: RunOptions = { quick: false, relationships: Number.NaN, only: null, readme: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--readme') options.readme = true;
    else if (arg === '--only') options.only = value().split(',').map((name) => name.trim()).filter(Boolean);
    else if (arg.startsWith('--only=')) options.only = arg.slice('--only='.length).split(',').filter(Boolean);
    else if (arg === '--relationships') options.relationships = Number(value().replace(/[_,]/g, ''));
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (Number.isNaN(options.relationships)) options.relationships = options.quick ? 20_000 : 1_000_000;
  if (!Number.isInteger(options.relationships) || options.relationships < 1) throw new Error('--relationships needs a positive whole number');
  const unknown = (options.only ?? []).filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}\n${USAGE}`);
  return options;
}

/** One broker for the whole run, started by the first benchmark that asks. */
function sharedBroker(): { address: () => Promise<string>; version: () => Promise<string>; stop: () => Promise<void> } {
  let starting: Promise<RunningBroker> | undefined;
  return {
    address: async () => {
      starting ??= import('../tools/kafka/broker').then(({ startBroker }) =>
        startBroker({ tiedToThisProcess: true, log: (line) => process.stderr.write(`[kafka] ${line}\n`) }));
      return (await starting).brokers;
    },
    version: async () => {
      const { KAFKA_VERSION } = await import('../tools/kafka/jars');
      return starting ? KAFKA_VERSION : `${KAFKA_VERSION} (not started)`;
    },
    stop: async () => {
      if (starting) await (await starting.catch(() => null))?.stop();
      starting = undefined;
    },
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const selected = benchmarks.filter((benchmark) => !options.only || options.only.includes(benchmark.name));
  const broker = sharedBroker();
  let current: BenchmarkScope | undefined;

  // Interrupted: still drop the scratch databases and stop the broker.
  const interrupt = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void (async () => {
      await current?.close();
      await broker.stop();
      process.exit(130);
    })();
  };
  // Dropping a scratch database ends connections a baseline library may still hold idle in a pool.
  process.on('uncaughtException', (error: Error & { code?: string }) => {
    if (error.code === '57P01') return;
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(2);
  });
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const load = sampleLoad();
  const outcomes: BenchmarkOutcome[] = [];
  for (const benchmark of selected) {
    const started = Date.now();
    current = benchmarkScope(benchmark.name, options, broker.address);
    current.context.progress(options.quick ? 'starting (quick)' : 'starting');
    let outcome: BenchmarkOutcome;
    try {
      const figures = await benchmark.run(current.context);
      outcome = { name: benchmark.name, status: 'ran', seconds: 0, figures: figures.map(check) };
    } catch (error) {
      const skipped = error instanceof BenchmarkSkipped;
      outcome = { name: benchmark.name, status: skipped ? 'skipped' : 'failed', reason: firstLine(error), seconds: 0, figures: [] };
      current.context.progress(`${outcome.status}: ${outcome.reason}`);
      if (!skipped && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    } finally {
      await current.close();
      current = undefined;
    }
    outcome.seconds = Math.round((Date.now() - started) / 100) / 10;
    outcomes.push(outcome);
  }

  const machine = await describeMachine(await broker.version(), load.stop());
  await broker.stop();
  const report = { timestamp: new Date().toISOString(), quick: options.quick, options: { only: options.only, relationships: options.relationships }, machine, benchmarks: outcomes };
  const file = path.join(__dirname, 'results', 'latest.json');
  await writeReport(file, report);
  if (options.readme) await updateReadme(path.join(__dirname, 'README.md'), report);
  process.stdout.write(`${machineLine(machine)}\n\n${textTable(outcomes)}\n`);
  process.stderr.write(`results written to ${path.relative(process.cwd(), file)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
