// `schemas [DIR]`: writes every published JSON Schema (signals, commands, the HTTP command body,
// domain events, the dead letter, the policy document), one file each, and the AsyncAPI document. Without a
// folder it writes to one under the system's temporary folder and names it, so that it never
// drops files into the working copy unasked.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asyncApiDocument, publishedJsonSchemas } from '@offramp/contract';
import { UsageError, type CliCommand } from './command';
import { parseOptions, type OptionSpecs } from './options';

const defaultDir = (): string => path.join(tmpdir(), 'offramp-schemas');

const options = {} satisfies OptionSpecs;

export const schemas: CliCommand = {
  usage: 'schemas [DIR]',
  options,
  notes: `DIR  the folder to write into (created if missing); without it, ${defaultDir()}`,
  async run(args, io) {
    const { positionals } = parseOptions(args, options);
    if (positionals.length > 1) throw new UsageError('schemas takes at most one folder');
    // A folder named like an option is a typing mistake far more often than a wish (`schemas -- --help`).
    if (positionals[0]?.startsWith('-')) throw new UsageError(`${positionals[0]} looks like an option, not a folder; write ./${positionals[0]} to mean the folder`);
    const dir = path.resolve(positionals[0] ?? defaultDir());
    await mkdir(dir, { recursive: true });
    const published = publishedJsonSchemas();
    const names = Object.keys(published).sort();
    for (const name of names) await writeFile(path.join(dir, `${name}.schema.json`), `${JSON.stringify(published[name], null, 2)}\n`);
    await writeFile(path.join(dir, 'asyncapi.json'), `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
    io.stderr.write(`wrote ${names.length} schemas to ${dir}\n`);
    io.stderr.write('and asyncapi.json, the AsyncAPI document of the Kafka topics\n');
    return 0;
  },
};
