import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { catalogueJsonSchemas } from '@offramp/domain';
import { UsageError, type CliCommand } from './command';

export const schemas: CliCommand = {
  usage: 'schemas [DIR]   (default ./schemas)',
  async run(args, io) {
    if (args.length > 1) throw new UsageError('schemas takes at most one folder');
    const dir = path.resolve(args[0] ?? 'schemas');
    await mkdir(dir, { recursive: true });
    const catalogue = catalogueJsonSchemas();
    for (const type of Object.keys(catalogue).sort()) {
      // Catalogue keys such as `command:notice.serve` become portable file names.
      const file = path.join(dir, `${type.replace(/[^A-Za-z0-9._-]/g, '.')}.schema.json`);
      await writeFile(file, `${JSON.stringify(catalogue[type], null, 2)}\n`);
      io.stderr.write(`${path.relative(process.cwd(), file) || file}\n`);
    }
    return 0;
  },
};
