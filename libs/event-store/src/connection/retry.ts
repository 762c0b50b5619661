import { isTransientError } from './transient-errors';

/** How long work is retried while the server is unreachable. `attempts: 1` disables retrying. */
export interface RetryPolicy { attempts: number; initialDelayMs: number; maxDelayMs: number }

export const DEFAULT_RETRY: RetryPolicy = { attempts: 12, initialDelayMs: 100, maxDelayMs: 2_000 };

export async function withRetry<T>(policy: RetryPolicy, work: () => Promise<T>): Promise<T> {
  let delay = policy.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !isTransientError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}
