import { machineDefinitionJson } from '@offramp/domain';
import { UsageError, type CliCommand } from './command';
import { parseOptions } from './options';

export const machine: CliCommand = {
  usage: 'machine',
  notes: 'Prints the lifecycle machine\'s definition as JSON on stdout, for a state-machine visualiser.',
  async run(args, io) {
    const { positionals } = parseOptions(args, {});
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const definition: unknown = machineDefinitionJson();
    io.stdout.write(`${typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2)}\n`);
    return 0;
  },
};
