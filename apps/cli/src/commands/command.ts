// What a CLI command is: parsed arguments in, an exit status out, output through the given streams.

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface CliCommand {
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A usage mistake: reported with the command's usage, exit status 2. */
export class UsageError extends Error {}
