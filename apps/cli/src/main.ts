// offramp's command line: `npm run cli -- <command> [args]`. Light imports only: it must start fast.
import { UsageError, type CliIo } from './commands/command';
import { asksForHelp, helpText } from './commands/options';
import { commands } from './commands/registry';

function overview(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: offramp <command> [args]\n\ncommands:\n${lines.join('\n')}\n\n\`offramp <command> --help\` describes each.\n`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    // Asking for help is not a mistake: stdout and 0. No command at all is one: stderr and 2.
    (name === undefined ? io.stderr : io.stdout).write(overview());
    return name === undefined ? 2 : 0;
  }
  const registered = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!registered) {
    io.stderr.write(`offramp: unknown command ${name}\n${overview()}`);
    return 2;
  }
  const command = await registered.load();
  if (asksForHelp(args)) {
    io.stdout.write(helpText(command.usage, registered.summary, command.options) + (command.notes ? `\n${command.notes}\n` : ''));
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`offramp ${name}: ${error.message}\nusage: offramp ${command.usage}\n(\`offramp ${name} --help\` for more)\n`);
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
