// What a CLI command is: parsed arguments in, an exit status out, output through the given streams.
import type { OptionSpecs } from './options';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface CliCommand {
  /** The synopsis after `offramp `, e.g. `token --sub ID …`. */
  usage: string;
  /** Every option the command reads; the same declaration parses them and prints the help. */
  options?: OptionSpecs;
  /** Lines the help adds after the options: arguments, defaults, examples. */
  notes?: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A usage mistake: reported with the command's usage, exit status 2. */
export class UsageError extends Error {}
