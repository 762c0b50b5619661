// Progress of a long simulation, on stderr only: a bar on a terminal, otherwise a line every
// 100,000 records for big files, nothing for small ones.
import { SingleBar } from 'cli-progress';
import type { CliIo } from '../commands/command';

export interface Progress {
  advance(bytes: number): void;
  stop(): void;
}

const BAR_FROM_BYTES = 1 << 20;
const LINES_FROM_BYTES = 32 << 20;
const LINE_EVERY = 100_000;

export function progressFor(totalBytes: number, stderr: CliIo['stderr']): Progress {
  let bytes = 0;
  let records = 0;
  if (stderr.isTTY && totalBytes >= BAR_FROM_BYTES) {
    const bar = new SingleBar({
      stream: stderr as NodeJS.WriteStream,
      format: 'simulate [{bar}] {percentage}% | {records} records | eta {eta_formatted}',
    });
    bar.start(totalBytes, 0, { records });
    return {
      advance(n) {
        bytes += n;
        records += 1;
        if (records % 1_000 === 0) bar.update(Math.min(bytes, totalBytes), { records });
      },
      stop() {
        bar.update(totalBytes, { records });
        bar.stop();
      },
    };
  }
  if (totalBytes >= LINES_FROM_BYTES) {
    return {
      advance(n) {
        bytes += n;
        records += 1;
        if (records % LINE_EVERY === 0) {
          stderr.write(`simulate: ${records} records (${Math.floor((100 * bytes) / totalBytes)}%)\n`);
        }
      },
      stop() { stderr.write(`simulate: ${records} records done\n`); },
    };
  }
  return { advance() {}, stop() {} };
}
