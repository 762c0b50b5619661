import { machineDefinitionJson } from '@offramp/domain';
import type { CliCommand } from './command';

export const machine: CliCommand = {
  usage: 'machine',
  async run(_args, io) {
    const definition: unknown = machineDefinitionJson();
    io.stdout.write(`${typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2)}\n`);
    return 0;
  },
};
