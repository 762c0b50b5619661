// `policy diff FILE --from A.json --to B.json [--until ISO_TIME]`: runs a history file under two
// policy documents in event time and prints what the change would do, as POST /v1/policy/what-if
// answers it: relationships whose state, phase or reasons would differ, with their at_risk moments.
import { diffPolicies } from '../../../../libs/simulation/src/policy-diff';
import { CliFailure, fileSize, historyRecords, readPolicyFile } from '../simulation/history-file';
import { progressFor } from '../simulation/progress';
import { UsageError, type CliCommand } from './command';
import { parseOptions, type OptionSpecs } from './options';
import { untilOf } from './simulate';

const options = {
  from: { type: 'string', value: 'A.json', help: 'the policy document before the change' },
  to: { type: 'string', value: 'B.json', help: 'the policy document after the change' },
  until: { type: 'string', value: 'ISO_TIME', help: 'stop the clock here: timers fire up to it, later records are left out' },
} satisfies OptionSpecs;

function readArgs(args: string[]) {
  const { values, positionals } = parseOptions(args, options);
  const [action, file, extra] = positionals;
  if (action !== 'diff') throw new UsageError(action === undefined ? 'policy needs an action: diff' : `unknown policy action ${action}`);
  if (file === undefined) throw new UsageError('policy diff needs a history file');
  if (extra !== undefined) throw new UsageError(`one history file only, got also ${extra}`);
  if (values.from === undefined || values.to === undefined) throw new UsageError('policy diff needs --from and --to');
  return { file, from: values.from, to: values.to, until: untilOf(values.until) };
}

async function* recordsOf(file: string, advance: (bytes: number) => void) {
  for await (const { record } of historyRecords(file, advance)) yield record;
}

export const policy: CliCommand = {
  usage: 'policy diff FILE --from A.json --to B.json [--until ISO_TIME]',
  options,
  notes: 'FILE  a history (as for simulate). A.json, B.json  whole policy documents, checked like a draft.\nPrints { changed: [{ relationshipId, before, after, atRiskMoments }], unchanged } on stdout.',
  async run(args, io) {
    const { file, from, to, until } = readArgs(args);
    try {
      const [before, after] = [await readPolicyFile(from), await readPolicyFile(to)];
      const progress = progressFor(await fileSize(file), io.stderr);
      try {
        const diff = await diffPolicies(recordsOf(file, (bytes) => progress.advance(bytes)), { before, after, until });
        io.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
      } finally {
        progress.stop();
      }
      return 0;
    } catch (error) {
      if (!(error instanceof CliFailure)) throw error;
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
  },
};
