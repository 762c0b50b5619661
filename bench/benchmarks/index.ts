// Every benchmark, in the order a full run takes them.
import type { Benchmark } from '../harness/benchmark';
import { appendBenchmark } from './append';
import { catchUpBenchmark } from './catch-up';
import { dashboardBenchmark } from './dashboard';
import { decideBenchmark } from './decide';
import { e2eKafkaBenchmark } from './e2e-kafka';
import { embeddedHttpBenchmark } from './embedded-http';
import { scaleBenchmark } from './scale';
import { simulateBenchmark } from './simulate';
import { whatIfBenchmark } from './what-if';

export const benchmarks: readonly Benchmark[] = [decideBenchmark, appendBenchmark, catchUpBenchmark, e2eKafkaBenchmark, embeddedHttpBenchmark, scaleBenchmark, simulateBenchmark, whatIfBenchmark, dashboardBenchmark];
