// `schemas [DIR]`: writes the JSON Schema of every signal and command, and of a policy document, one file each. Without a
// folder it writes to one under the system's temporary folder and names it, so that it never
// drops files into the working copy unasked.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogueJsonSchemas, policyDocumentJsonSchema } from '@offramp/domain';
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
    const dir = path.resolve(positionals[0] ?? defaultDir());
    await mkdir(dir, { recursive: true });
    const catalogue: Record<string, object> = { ...catalogueJsonSchemas(), 'policy-document': policyDocumentJsonSchema() };
    const types = Object.keys(catalogue).sort();
    for (const type of types) {
      // Catalogue keys such as `command:notice.serve` become portable file names.
      const file = path.join(dir, `${type.replace(/[^A-Za-z0-9._-]/g, '.')}.schema.json`);
      await writeFile(file, `${JSON.stringify(catalogue[type], null, 2)}\n`);
    }
    io.stderr.write(`wrote ${types.length} schemas to ${dir}\n`);
    return 0;
  },
};
