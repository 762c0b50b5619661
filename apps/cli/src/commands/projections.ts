// `projections rebuild [NAME]`: empties a read model (every one without a name) and projects the
// whole store into it again, against DATABASE_URL or the embedded PGlite in DATA_DIR.
// `projections list`: each read model with its checkpoint.
import { SingleBar } from 'cli-progress';
import { loadConfig } from '@offramp/config';
import { SqlEventStore } from '@offramp/event-store';
import { openPlatformDatabase } from '@offramp/platform';
import { allProjections, ProjectionRunner, type RebuildProgress } from '@offramp/read-models';
import { UsageError, type CliCommand, type CliIo } from './command';
import { parseOptions, type OptionSpecs } from './options';

const options = {} satisfies OptionSpecs;

/** A bar on a terminal; otherwise quiet until the one line at the end. */
function progressBar(io: CliIo): { update(p: RebuildProgress): void; stop(): void } {
  if (!io.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({ stream: io.stderr as NodeJS.WriteStream, format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | eta {eta_formatted}' });
  let started = false;
  return {
    update(p) {
      if (!started) bar.start(Math.max(p.total, 1), 0);
      started = true;
      bar.setTotal(Math.max(p.total, p.processed, 1));
      bar.update(p.processed);
    },
    stop() { if (started) bar.stop(); },
  };
}

export const projections: CliCommand = {
  usage: 'projections rebuild [NAME] | projections list',
  options,
  notes: `rebuild [NAME]  empty a read model (every one without NAME) and project the whole store into it again
list            each read model with its checkpoint
Against DATABASE_URL, or the embedded database in DATA_DIR.`,
  async run(args, io) {
    const [action, name, ...rest] = parseOptions(args, options).positionals;
    if (action !== 'rebuild' && action !== 'list') throw new UsageError('projections needs an action: rebuild or list');
    if (rest.length > 0 || (action === 'list' && name !== undefined)) throw new UsageError(`unexpected argument ${rest[0] ?? name}`);
    const known = allProjections();
    if (name !== undefined && !known.some((p) => p.name === name)) {
      throw new UsageError(`no projection named ${name}; known: ${known.map((p) => p.name).join(', ')}`);
    }

    const db = await openPlatformDatabase(loadConfig());
    try {
      const runner = new ProjectionRunner({ db, store: new SqlEventStore(db), projections: known, batchSize: 1_000 });
      if (action === 'list') {
        for (const p of known) io.stdout.write(`${p.name}\t${(await runner.checkpointOf(p.name)) ?? '-'}\n`);
        return 0;
      }
      const bar = progressBar(io);
      const done = await runner.rebuild(name, (p) => bar.update(p)).finally(() => bar.stop());
      io.stderr.write(`rebuilt ${done.projections.join(', ')} from ${done.processed} events\n`);
      io.stdout.write(`${JSON.stringify(done)}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
