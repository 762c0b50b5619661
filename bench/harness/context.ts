// What a benchmark gets to work with: its options, progress on stderr, scratch databases,
// the run's Kafka broker, and a place to register clean-up that always runs.
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

export interface BenchOptions {
  quick: boolean;
  /** Relationships in the store for the scale benchmark. */
  relationships: number;
}

export interface BenchContext extends BenchOptions {
  /** Picks the quick or the full size. */
  size(full: number, quick: number): number;
  progress(message: string): void;
  /** A new PostgreSQL database, dropped after this benchmark. */
  scratchDatabase(): Promise<ScratchDatabase>;
  /** Bootstrap address of the run's Kafka broker (started on first use, stopped at the end of the run). */
  kafka(): Promise<string>;
  /** Runs after this benchmark, last registered first, whether it succeeded or not. */
  defer(cleanup: () => Promise<unknown> | unknown): void;
}

type Cleanup = () => Promise<unknown> | unknown;

export async function runCleanups(cleanups: Cleanup[], report: (message: string) => void): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (error) {
      report(`clean-up failed: ${(error as Error).message}`);
    }
  }
}

export interface BenchmarkScope {
  context: BenchContext;
  close(): Promise<void>;
}

export function benchmarkScope(name: string, options: BenchOptions, kafka: () => Promise<string>): BenchmarkScope {
  const cleanups: Cleanup[] = [];
  const started = Date.now();
  const progress = (message: string): void => {
    process.stderr.write(`[${name} +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  };
  const context: BenchContext = {
    ...options,
    size: (full, quick) => (options.quick ? quick : full),
    progress,
    scratchDatabase: async () => {
      const database = await createScratchDatabase(name);
      cleanups.push(() => database.drop());
      return database;
    },
    kafka,
    defer: (cleanup) => void cleanups.push(cleanup),
  };
  // An interrupt and the run's own loop may both close the scope: both wait for the same clean-up,
  // so the process never exits while a scratch database is still being dropped.
  let closing: Promise<void> | undefined;
  return { context, close: () => (closing ??= runCleanups(cleanups, progress)) };
}
