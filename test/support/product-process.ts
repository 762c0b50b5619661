// Runs the built product as a child process, the way `npm start` does, for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ProductProcess {
  baseUrl: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr (its JSON logs) and stdout so far. */
  output(): string;
  /** SIGTERM, then resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export interface StartOptions {
  app?: 'offramp' | 'ops-api' | 'worker' | 'projector';
  env?: Record<string, string>;
  dataDir?: string;
  /** Wait until /health answers 200 (default true). */
  waitForHealth?: boolean;
}

export async function startProduct(options: StartOptions = {}): Promise<ProductProcess> {
  const port = await freePort();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'offramp-data-'));
  const main = path.join(root, 'dist', 'apps', options.app ?? 'offramp', 'src', 'main.js');
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_PRETTY: 'false', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { output += b.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const product: ProductProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
  if (options.waitForHealth ?? true) await waitForHealth(product);
  return product;
}

export async function waitForHealth(product: ProductProcess, attempts = 600): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (product.child.exitCode !== null) throw new Error(`the product exited with ${product.child.exitCode}:\n${product.output()}`);
    try {
      const res = await fetch(`${product.baseUrl}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`/health never answered 200:\n${product.output()}`);
}

/** The JSON log lines the process wrote. */
export function logLines(product: ProductProcess): Array<Record<string, unknown>> {
  return product.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}
