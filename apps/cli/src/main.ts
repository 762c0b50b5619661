// offramp's command line: `npm run cli -- <command> [args]`. Light imports only: it must start fast.
import { UsageError, type CliIo } from './commands/command';
import { commands } from './commands/registry';

function help(io: CliIo): void {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  io.stderr.write(`usage: offramp <command> [args]\n\ncommands:\n${lines.join('\n')}\n`);
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name === undefined ? 2 : 0;
  }
  const registered = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!registered) {
    io.stderr.write(`unknown command: ${name}\n`);
    help(io);
    return 2;
  }
  const command = await registered.load();
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
