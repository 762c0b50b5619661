// A single-node Kafka broker (KRaft, combined broker and controller) for tests and development,
// run from Apache Kafka's jars (see /work/shared/kafka-notes.md for the recipe and its figures).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, openSync, closeSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { BrokerSetupError, ensureKafkaJars, requireJava, run, tail } from './jars';

export interface BrokerOptions {
  /**
   * True (the default, for test runs): the broker runs under a watchdog and dies with this process,
   * however it ends. False (the development broker): the broker is detached and outlives it.
   */
  tiedToThisProcess?: boolean;
  cacheDir?: string;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

/** What is needed to find and stop a broker later, possibly from another process. */
export interface BrokerProcess {
  /** The watchdog's pid when tied to this process, otherwise java's. */
  pid: number;
  /** Its temporary folder: configuration, data and `broker.log`. Removed on stop. */
  dir: string;
  /** Bootstrap address, `127.0.0.1:<port>`. */
  brokers: string;
}

export interface RunningBroker extends BrokerProcess {
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
  /** Stops it but keeps its folder, as an outage would; `resume()` starts it again. */
  pause(): Promise<void>;
  /** Starts a paused broker again on the same ports and data, and waits until it answers. */
  resume(): Promise<void>;
}

const GRACE_MS = 10_000;
const LOG4J = `log4j.rootLogger=INFO, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaConfig=WARN
log4j.logger.org.apache.kafka.common.config.AbstractConfig=WARN
log4j.logger.org.apache.kafka.clients=WARN
`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function serverProperties(dir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${path.join(dir, 'data')}`,
    // One partition for the offsets topic: the default 50 makes the first group join slow.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'group.initial.rebalance.delay.ms=0',
    // The default takes 128 MiB of a 512 MiB heap.
    'log.cleaner.dedupe.buffer.size=16777216',
    '',
  ].join('\n');
}

/** Kafka's cluster ids are 16 random bytes in unpadded base64url, never starting with '-'. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function javaArgs(libs: string, dir: string, heap: string[], main: string[]): string[] {
  return [...heap, '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${path.join(dir, 'log4j.properties')}`, '-cp', `${libs}${path.sep}*`, ...main];
}

/** Writes the configuration into a fresh temporary folder and formats the storage. */
async function prepare(libs: string): Promise<{ dir: string; port: number; args: string[] }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'offramp-kafka-'));
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const properties = path.join(dir, 'server.properties');
  await fs.writeFile(properties, serverProperties(dir, port, controllerPort));
  await fs.writeFile(path.join(dir, 'log4j.properties'), LOG4J);
  const format = await run('java', javaArgs(libs, dir, ['-Xmx256m'], ['kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', properties, '--ignore-formatted']), { timeoutMs: 120_000 });
  if (format.code !== 0) {
    await fs.rm(dir, { recursive: true, force: true });
    throw new BrokerSetupError(`formatting the Kafka storage failed:\n${tail(format.output)}`);
  }
  return { dir, port, args: javaArgs(libs, dir, ['-Xms256m', '-Xmx512m'], ['kafka.Kafka', properties]) };
}

function readLog(dir: string): string {
  try {
    return readFileSync(path.join(dir, 'broker.log'), 'utf8');
  } catch {
    return '';
  }
}

/** Retries `describeCluster()` until it answers, the process dies, or the time is up. */
export async function waitUntilReady(brokers: string, timeoutMs: number, hasExited: () => boolean = () => false): Promise<void> {
  const kafka = new Kafka({ clientId: 'offramp-broker-probe', brokers: [brokers], logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('the broker process exited while starting');
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the broker at ${brokers} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

function launch(prepared: { dir: string; args: string[] }, tied: boolean): { pid: number; exited: () => boolean; exit: Promise<void> } {
  const logFile = path.join(prepared.dir, 'broker.log');
  let child;
  if (tied) {
    const settings = JSON.stringify({ command: 'java', args: prepared.args, cwd: prepared.dir, logFile, graceMs: GRACE_MS - 2000 });
    child = spawn(process.execPath, [path.join(__dirname, 'watchdog.mjs'), settings], { stdio: ['pipe', 'ignore', 'inherit'] });
    // The pipe must not keep this process alive; its closing is the watchdog's signal.
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
  } else {
    const fd = openSync(logFile, 'a');
    child = spawn('java', prepared.args, { cwd: prepared.dir, detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.unref();
  }
  let done = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => { done = true; resolve(); }));
  if (child.pid === undefined) throw new BrokerSetupError(`could not start ${tied ? 'node' : 'java'}`);
  return { pid: child.pid, exited: () => done, exit };
}

/** Starts a fresh broker on free ports and resolves once it answers kafkajs. */
type Prepared = Awaited<ReturnType<typeof prepare>>;

class Broker implements RunningBroker {
  readonly dir: string;
  readonly brokers: string;
  pid: number;
  private exited: () => boolean;

  constructor(private readonly prepared: Prepared, private readonly tied: boolean, private readonly readyTimeoutMs: number) {
    this.dir = prepared.dir;
    this.brokers = `127.0.0.1:${prepared.port}`;
    const launched = launch(prepared, tied);
    this.pid = launched.pid;
    this.exited = launched.exited;
  }

  ready(): Promise<void> {
    return waitUntilReady(this.brokers, this.readyTimeoutMs, this.exited);
  }

  stop(): Promise<void> {
    return stopBroker(this);
  }

  async pause(): Promise<void> {
    if (!isBroker(this.pid)) return;
    // The watchdog keeps the folder on SIGUSR2; java on its own never removes it.
    await terminate(this.pid, this.tied ? 'SIGUSR2' : 'SIGTERM', GRACE_MS);
  }

  async resume(): Promise<void> {
    if (isBroker(this.pid)) return;
    const launched = launch(this.prepared, this.tied);
    this.pid = launched.pid;
    this.exited = launched.exited;
    await this.ready();
  }
}

/** Starts a fresh broker on free ports and resolves once it answers kafkajs. */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const log = options.log ?? (() => {});
  await requireJava();
  const libs = await ensureKafkaJars(options.cacheDir, log);
  // Another process may take a free port between our asking and java binding it: try again then.
  for (let attempt = 1; ; attempt++) {
    const broker = new Broker(await prepare(libs), options.tiedToThisProcess ?? true, options.readyTimeoutMs ?? 120_000);
    try {
      await broker.ready();
    } catch (error) {
      const brokerLog = readLog(broker.dir);
      await broker.stop();
      if (attempt < 3 && /Address already in use|BindException/.test(brokerLog)) continue;
      throw new BrokerSetupError(`the Kafka broker did not start: ${(error as Error).message}\n${tail(brokerLog)}`);
    }
    log(`Kafka ${broker.brokers} ready (pid ${broker.pid}, folder ${broker.dir})`);
    return broker;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `pid` is alive and, where /proc tells, still our broker (pids get reused). */
export function isBroker(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes('kafka.Kafka') || commandLine.includes('watchdog.mjs');
  } catch {
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

/** Sends `signal`, then SIGKILL when the process is still there after `graceMs`. */
async function terminate(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  process.kill(pid, signal);
  if (!(await waitForExit(pid, graceMs))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5000);
  }
}

/** SIGTERM, SIGKILL after a grace period, then removes the broker's folder. */
export async function stopBroker(broker: BrokerProcess, graceMs = GRACE_MS): Promise<void> {
  if (isBroker(broker.pid)) await terminate(broker.pid, 'SIGTERM', graceMs);
  await fs.rm(broker.dir, { recursive: true, force: true });
}
