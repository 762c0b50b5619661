// Running worker processes, feeding them inputs, and counting what reached the store and the
// dead-letter topic, for the end-to-end Kafka tests.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Partitioners } from 'kafkajs';
import pg from 'pg';
import { testKafka } from '../../support/kafka';

const root = path.resolve(__dirname, '../../..');

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no clean shutdown, no last commit. */
  kill(): Promise<void>;
}

export async function startWorker(env: { KAFKA_BROKERS: string; DATABASE_URL: string; TOPIC_PREFIX: string; GROUP_ID: string; LOG_LEVEL?: string }): Promise<WorkerProcess> {
  // Node itself with tsx's loader, not tsx's command, which runs the script in a second process:
  // a SIGKILL must reach the worker, not a wrapper that dies and leaves the worker running.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'worker-process.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { output += b.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start within 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', () => { if (output.includes('ready\n')) { clearTimeout(timer); resolve(); } });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the worker exited with ${code}:\n${output}`)); });
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { child, output: () => output, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** Produces in batches of 500, as a real producer would. */
export async function produce(topic: string, messages: { key: string | null; value: string }[], brokers?: string[]): Promise<void> {
  const producer = testKafka('offramp-e2e-producer', brokers).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 500) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
  } finally {
    await producer.disconnect();
  }
}

/** What the store holds: accepted inputs (one idempotency key each) and events. */
export async function storeCounts(url: string): Promise<{ accepted: number; events: number; eventsByKeys: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ accepted: string; events: string; by_keys: string | null }>(
      `SELECT (SELECT count(*) FROM idempotency_keys) AS accepted,
              (SELECT count(*) FROM events) AS events,
              (SELECT sum(to_version - from_version + 1) FROM idempotency_keys) AS by_keys`,
    );
    return { accepted: Number(rows[0]!.accepted), events: Number(rows[0]!.events), eventsByKeys: Number(rows[0]!.by_keys ?? 0) };
  } finally {
    await client.end();
  }
}


/** How many messages a topic holds, over all its partitions. */
export async function messagesIn(topic: string, brokers?: string[]): Promise<number> {
  const admin = testKafka('offramp-e2e-admin', brokers).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
