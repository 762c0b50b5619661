// One way to read a command's arguments: each command declares its options once, and the same
// declaration parses them, reports a mistake in one message style and prints the help.
import { parseArgs } from 'node:util';
import { UsageError } from './command';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What the value stands for in the help, e.g. `ID`, `ISO_TIME`. */
  value?: string;
  help: string;
  default?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

type Values<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedArgs<O extends OptionSpecs> {
  values: Values<O>;
  positionals: string[];
}

/** `--help` or `-h` anywhere before a `--` asks for the help instead of running the command. */
export const asksForHelp = (args: string[]): boolean => {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/** Parses `args` against `options`; any mistake is a UsageError worded the same for every command. */
export function parseOptions<O extends OptionSpecs>(args: string[], options: O): ParsedArgs<O> {
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [name, o.default === undefined ? { type: o.type } : { type: o.type, default: o.default }]),
  ) as Record<string, { type: 'string' | 'boolean'; default?: string }>;
  try {
    const { values, positionals } = parseArgs({ args, options: config, allowPositionals: true, strict: true });
    return { values: values as Values<O>, positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }, args));
  }
}

function describeParseError(error: Error & { code?: string }, args: string[]): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1]?.split('=')[0];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option ${option ?? args.find((a) => a.startsWith('-')) ?? ''}`.trim();
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(error.message) ? `option ${option} needs a value` : `option ${option} takes no value`;
  }
  return error.message;
}

/** The help of a command: its usage, what it does, and every option with what it means. */
export function helpText(usage: string, summary: string, options: OptionSpecs = {}): string {
  const rows: [string, string][] = Object.entries(options).map(([flag, o]) => [
    `--${flag}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
    o.default === undefined ? o.help : `${o.help} (default ${o.default})`,
  ]);
  rows.push(['-h, --help', 'print this help and exit']);
  const width = Math.max(...rows.map(([left]) => left.length));
  return `usage: offramp ${usage}\n\n${summary}\n\noptions:\n${rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`).join('\n')}\n`;
}
