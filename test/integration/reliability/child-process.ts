// Runs a small TypeScript program from processes/ as a real child process, so a test can kill
// it with SIGKILL at an awkward moment. Node itself runs it with tsx's loader (which resolves
// the path aliases): the tsx command would run it in a grandchild that SIGKILL cannot reach.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface Child {
  process: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals>;
  output(): string;
}

export function runScript(script: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'processes', script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code ?? 0));
  });
  return { process: child, exited, output: () => output };
}

/** Polls `check` until it holds, a bounded number of times; false when it never did. */
export async function eventually(check: () => Promise<boolean>, tries = 3_000, pauseMs = 10): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return false;
}
