// Every benchmark, in the order a full run takes them.
import type { Benchmark } from '../harness/benchmark';
import { appendBenchmark } from './append';

export const benchmarks: readonly Benchmark[] = [appendBenchmark];
