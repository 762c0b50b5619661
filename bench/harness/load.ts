// The machine's load while a run measured: the 1-minute load average sampled every 10 s. On a
// machine shared with other work it is what tells a reader how far the figures can be trusted;
// ratios against baselines of the same run suffer less than the figures themselves.
import os from 'node:os';

export interface LoadSummary { samples: number; min: number; median: number; max: number }

export function sampleLoad(everyMs = 10_000): { stop(): LoadSummary } {
  const samples = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      samples.push(os.loadavg()[0]!);
      const sorted = [...samples].sort((a, b) => a - b);
      const round = (x: number) => Math.round(x * 10) / 10;
      return { samples: sorted.length, min: round(sorted[0]!), median: round(sorted[Math.floor(sorted.length / 2)]!), max: round(sorted[sorted.length - 1]!) };
    },
  };
}
