// Runs a command under GNU time to get its wall time and the peak memory of its process tree.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface ChildRun { code: number | null; ms: number; peakRssMiB: number | null; stderrTail: string }

export function runMeasured(command: string, args: string[], stdoutFile: string, cwd: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // `-f` prints only the figure we read back: peak RSS of the largest process, in KiB.
    const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kib=%M', command, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = createWriteStream(stdoutFile);
    child.stdout.pipe(out);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      const match = /peak-rss-kib=(\d+)/.exec(stderr);
      out.end(() => resolve({ code, ms, peakRssMiB: match ? Number(match[1]) / 1024 : null, stderrTail: stderr.split('\n').slice(-8).join('\n') }));
    });
  });
}
