// Signals POSTed to the ops API at a fixed rate from a process of its own, as an integration
// would send them: keep-alive connections, enough of them that the rate holds while earlier
// requests are still answered (a request due while every connection is busy waits for one, and
// that wait counts in its latency). Started by `startHttpLoad`; the child reports back over IPC
// when each request was sent, on the wall clock shared by both processes, and how it was answered.
import { fork } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpLoad {
  url: string;
  token: string;
  perSecond: number;
  /** Request bodies (one signal envelope each), sent in this order. */
  bodies: readonly string[];
  ids: readonly string[];
  connections: number;
}

export interface HttpLoadResult {
  /** Input id → when its request was sent (ms on the shared wall clock, `wallNow()`). */
  sentAt: Map<string, number>;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** Milliseconds from the first send to the last (the rate held: bodies ÷ this ≈ the rate asked for). */
  sendMs: number;
  /** Milliseconds from the first send to the last answer. */
  feedMs: number;
  /** Send → answer, per request (ms). */
  answerMs: number[];
}

/** A high-resolution reading of the wall clock, comparable between processes on one machine. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** Runs the load in a child process and resolves with what it saw. */
export function startHttpLoad(load: HttpLoad): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('message', (message: Omit<HttpLoadResult, 'sentAt'> & { sentAt: [string, number][] }) => {
      resolve({ ...message, sentAt: new Map(message.sentAt) });
      child.disconnect();
    });
    child.once('exit', (code) => { if (code !== 0) reject(new Error(`the HTTP load process exited with ${code}`)); });
    child.send(load);
  });
}

async function run(load: HttpLoad): Promise<void> {
  const { url, token, perSecond, bodies, ids, connections } = load;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL('/v1/signals', url);
  const sentAt: [string, number][] = [];
  const statuses: Record<string, number> = {};
  const answerMs: number[] = [];
  const post = (i: number): Promise<void> => new Promise((done) => {
    const started = wallNow();
    sentAt.push([ids[i]!, started]);
    const body = bodies[i]!;
    const request = http.request(target, {
      method: 'POST', agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      response.once('end', () => {
        const status = String(response.statusCode);
        statuses[status] = (statuses[status] ?? 0) + 1;
        answerMs.push(wallNow() - started);
        done();
      });
    });
    request.once('error', (error) => {
      statuses[error.message] = (statuses[error.message] ?? 0) + 1;
      done();
    });
    request.end(body);
  });

  const pending: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((finished) => {
    const tick = (): void => {
      const due = Math.min(bodies.length, Math.floor(((performance.now() - started) * perSecond) / 1000));
      while (sent < due) pending.push(post(sent++));
      if (sent < bodies.length) setTimeout(tick, 2);
      else finished();
    };
    tick();
  });
  const sendMs = performance.now() - started;
  await Promise.all(pending);
  const feedMs = performance.now() - started;
  agent.destroy();
  process.send!({ sentAt, statuses, sendMs, feedMs, answerMs });
}

if (require.main === module) process.once('message', (load: HttpLoad) => void run(load));
