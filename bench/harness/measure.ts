// Timing helpers. Subject and baseline run interleaved, several rounds each, and the median
// round counts, so a background hiccup does not decide a ratio.
import { performance } from 'node:perf_hooks';

export async function elapsedMs(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Items per second for `count` items done by `work`. */
export async function ratePerSecond(count: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const ms = await elapsedMs(work);
  return (count * 1000) / Math.max(ms, 0.001);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Runs each contender once per round, in turn, and returns the median of each one's rounds. */
export async function interleaved<K extends string>(
  rounds: number,
  contenders: Record<K, (round: number) => Promise<number> | number>,
  onRound?: (round: number, figures: Record<K, number>) => void,
): Promise<Record<K, number>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as unknown as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    const figures = {} as Record<K, number>;
    for (const name of names) {
      figures[name] = await contenders[name](round);
      samples[name].push(figures[name]);
    }
    onRound?.(round, figures);
  }
  return Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<K, number>;
}

/** Runs `work(i)` for i in [0, count) on `concurrency` parallel lanes. */
export async function inLanes(count: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
