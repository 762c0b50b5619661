// Runs the broker for a parent process (a test run) and makes sure it never outlives it.
// The parent holds our stdin: when the parent exits, even by SIGKILL, the pipe closes and
// we stop the broker and remove its folder. SIGTERM from the parent does the same; SIGUSR2 stops
// the broker but keeps its folder, so that it can be started again on the same data.
// Plain JavaScript so that it starts in milliseconds, without a TypeScript loader.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const { command, args, cwd, logFile, graceMs } = JSON.parse(process.argv[2]);
const log = fs.openSync(logFile, 'a');
const broker = spawn(command, args, { cwd, stdio: ['ignore', log, log] });
const parent = process.ppid;
let stopping = false;
let keepFolder = false;

broker.on('exit', (code, signal) => {
  if (stopping) {
    if (!keepFolder) fs.rmSync(cwd, { recursive: true, force: true });
    process.exit(0);
  }
  // Died on its own: leave the folder so the parent can show the log.
  process.exit(code ?? (signal ? 1 : 0));
});

function stop() {
  if (stopping) return;
  stopping = true;
  broker.kill('SIGTERM');
  setTimeout(() => broker.kill('SIGKILL'), graceMs).unref();
}

process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('SIGHUP', stop);
process.on('SIGUSR2', () => {
  keepFolder = true;
  stop();
});
// A second guard in case stdin was not a pipe: reparented means the parent is gone.
setInterval(() => { if (process.ppid !== parent) stop(); }, 1000);
