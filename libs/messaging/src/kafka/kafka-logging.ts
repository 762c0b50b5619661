// kafkajs logs go through the product's logger. kafkajs reports as ERROR many conditions it retries
// by itself (a topic being created, a coordinator being elected, a rebalance, a broker restarting);
// those are warnings for us, so an operator's error log stays meaningful.
import { logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from '@offramp/observability';

const TRANSIENT = [
  /does not host this topic-partition/i,
  /coordinator is not available/i,
  /not the correct coordinator/i,
  /rebalanc/i,
  /ECONNREFUSED/,
  /Connection error/i,
  /Closed connection/i,
  /leader is not available/i,
  /There is no leader for this topic-partition/i,
  /Request Produce.*timed out/i,
];

export function isTransient(message: string): boolean {
  return TRANSIENT.some((pattern) => pattern.test(message));
}

export function kafkaLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafka' });
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _name, ...extra } = log as LogEntry['log'] & { logger?: string };
      const fields = { namespace, ...extra };
      if (level === logLevel.ERROR) {
        if (isTransient(message) || isTransient(String(extra.error ?? ''))) child.warn(fields, message);
        else child.error(fields, message);
      } else if (level === logLevel.WARN) child.warn(fields, message);
      // kafkajs INFO is chatty (every join, every connection): debug for us.
      else if (level === logLevel.INFO) child.debug(fields, message);
      else child.trace(fields, message);
    };
}
