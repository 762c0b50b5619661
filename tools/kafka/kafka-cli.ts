// `npm run kafka -- start|stop|status`: a local single-node broker for development.
// `start` prints the bootstrap address as its last line, so `$(npm run -s kafka -- start | tail -1)` works.
import { isBroker, startBroker, stopBroker } from './broker';
import { BrokerSetupError, ensureKafkaJars } from './jars';
import { clearDevState, readDevState, writeDevState } from './dev-state';

const say = (line: string) => process.stderr.write(`${line}\n`);

async function start(): Promise<void> {
  const existing = await readDevState();
  if (existing && isBroker(existing.pid)) {
    say(`already running (pid ${existing.pid})`);
    process.stdout.write(`${existing.brokers}\n`);
    return;
  }
  const broker = await startBroker({ tiedToThisProcess: false, log: say });
  await writeDevState({ pid: broker.pid, dir: broker.dir, brokers: broker.brokers, startedAt: new Date().toISOString() });
  say(`started; stop it with: npm run kafka -- stop`);
  process.stdout.write(`${broker.brokers}\n`);
}

async function stop(): Promise<void> {
  const state = await readDevState();
  if (!state) {
    say('not running');
    return;
  }
  await stopBroker(state);
  await clearDevState();
  say(`stopped (pid ${state.pid})`);
}

async function status(): Promise<void> {
  const state = await readDevState();
  if (state && isBroker(state.pid)) {
    process.stdout.write(`running at ${state.brokers} (pid ${state.pid}, since ${state.startedAt})\n`);
  } else {
    process.stdout.write('not running\n');
    process.exitCode = 3;
  }
}

/** Downloads the jars into the machine's cache (CI does this before the tests). */
async function fetchJars(): Promise<void> {
  const dir = await ensureKafkaJars(undefined, say);
  process.stdout.write(`${dir}\n`);
}

const commands: Record<string, () => Promise<void>> = { start, stop, status, fetch: fetchJars };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  say('usage: npm run kafka -- start|stop|status|fetch');
  process.exit(2);
}
command().catch((error: unknown) => {
  say(error instanceof BrokerSetupError ? error.message : String((error as Error).stack ?? error));
  process.exit(1);
});
