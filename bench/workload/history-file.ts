// A history written as a file the CLI reads: NDJSON, one record a line, written with back-pressure.
import { createWriteStream } from 'node:fs';

export async function writeHistoryFile(file: string, lines: Iterable<unknown>): Promise<void> {
  const out = createWriteStream(file);
  for (const line of lines) {
    if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
