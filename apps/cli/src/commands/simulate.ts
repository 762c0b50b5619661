// `simulate FILE [--until ISO_TIME]`: streams a history file through the engine in event time and
// prints `{ relationships, refused }` as one JSON document on stdout.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { HistorySimulation } from '../simulation/history-simulation';
import { progressFor } from '../simulation/progress';
import { UsageError, type CliCommand } from './command';
import { parseOptions, type OptionSpecs } from './options';

interface SimulateArgs { file: string; until?: Date }

const ZONED_TIME = /(Z|[+-]\d{2}:?\d{2})$/i;

const options = {
  until: { type: 'string', value: 'ISO_TIME', help: 'stop the clock here: timers fire up to it, later records are left out' },
} satisfies OptionSpecs;

function readArgs(args: string[]): SimulateArgs {
  const { values, positionals } = parseOptions(args, options);
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('simulate needs a history file');
  if (extra !== undefined) throw new UsageError(`one history file only, got also ${extra}`);
  if (values.until === undefined) return { file };
  const ms = Date.parse(values.until);
  if (Number.isNaN(ms) || !ZONED_TIME.test(values.until)) {
    throw new UsageError(`--until needs an ISO time with a zone, got ${JSON.stringify(values.until)}`);
  }
  return { file, until: new Date(ms) };
}

export const simulate: CliCommand = {
  usage: 'simulate FILE [--until ISO_TIME]',
  options,
  notes: 'FILE  a history: NDJSON, one signal or command per line with `kind`. Prints one JSON document on stdout; progress on stderr.',
  async run(args, io) {
    const { file, until } = readArgs(args);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (error) {
      io.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    const simulation = new HistorySimulation({ until });
    const progress = progressFor(size, io.stderr);
    const input = createReadStream(file, { encoding: 'utf8' });
    let readError: unknown;
    input.on('error', (error) => { readError = error; });
    const lines = createInterface({ input, crlfDelay: Infinity });
    let lineNo = 0;
    try {
      for await (const text of lines) {
        lineNo += 1;
        progress.advance(text.length + 1);
        const line = lineNo === 1 ? text.replace(/^\uFEFF/, '') : text;
        if (line.trim() === '') continue;
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch (error) {
          io.stderr.write(`${file}: line ${lineNo} is not JSON: ${(error as Error).message}\n`);
          return 1;
        }
        await simulation.apply(record, lineNo);
      }
    } catch (error) {
      // Only a failure of the file itself is the user's; anything else is a fault to surface as is.
      if (error !== readError) throw error;
      io.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    } finally {
      progress.stop();
      lines.close();
      input.destroy();
    }
    const output = await simulation.finish();
    io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  },
};
