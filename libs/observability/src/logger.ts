// Structured JSON logs (pino); pretty-printed when a person watches a terminal.
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions { level?: string; pretty?: boolean; name?: string }

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = { level: options.level ?? 'info', name: options.name ?? 'offramp' };
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  // Logs go to stderr: stdout stays free for what a command prints.
  return pino(base, pino.destination({ fd: 2, sync: false }));
}
