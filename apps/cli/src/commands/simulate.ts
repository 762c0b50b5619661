// `simulate FILE [--until ISO_TIME] [--policy POLICY.json]`: streams a history file through the engine in event time and
// prints `{ relationships, refused }` as one JSON document on stdout.
import { HistorySimulation } from '../../../../libs/simulation/src/history-simulation';
import { CliFailure, fileSize, historyRecords, readPolicyFile } from '../simulation/history-file';
import { progressFor } from '../simulation/progress';
import { UsageError, type CliCommand } from './command';
import { parseOptions, type OptionSpecs } from './options';

interface SimulateArgs { file: string; until?: Date; policyFile?: string }

const ZONED_TIME = /(Z|[+-]\d{2}:?\d{2})$/i;

const options = {
  until: { type: 'string', value: 'ISO_TIME', help: 'stop the clock here: timers fire up to it, later records are left out' },
  policy: { type: 'string', value: 'POLICY.json', help: 'decide under this policy document instead of the default' },
} satisfies OptionSpecs;

function readArgs(args: string[]): SimulateArgs {
  const { values, positionals } = parseOptions(args, options);
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError('simulate needs a history file');
  if (extra !== undefined) throw new UsageError(`one history file only, got also ${extra}`);
  return { file, until: untilOf(values.until), policyFile: values.policy };
}

/** `--until`: an ISO time with a zone. */
export function untilOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !ZONED_TIME.test(value)) throw new UsageError(`--until needs an ISO time with a zone, got ${JSON.stringify(value)}`);
  return new Date(ms);
}

export const simulate: CliCommand = {
  usage: 'simulate FILE [--until ISO_TIME] [--policy POLICY.json]',
  options,
  notes: 'FILE  a history: NDJSON, one signal or command per line with `kind`. Prints one JSON document on stdout; progress on stderr.\nPOLICY.json  a whole policy document (as GET /v1/policy shows it), checked like a draft; without it, the default policy.',
  async run(args, io) {
    const { file, until, policyFile } = readArgs(args);
    try {
      const policy = policyFile === undefined ? undefined : await readPolicyFile(policyFile);
      const simulation = new HistorySimulation({ until, policy });
      const progress = progressFor(await fileSize(file), io.stderr);
      try {
        for await (const { record, line } of historyRecords(file, (bytes) => progress.advance(bytes))) await simulation.apply(record, line);
      } finally {
        progress.stop();
      }
      io.stdout.write(`${JSON.stringify(await simulation.finish(), null, 2)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof CliFailure)) throw error;
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
  },
};
