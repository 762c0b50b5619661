import type { BenchContext } from './context';
import type { Figure } from './figures';

/** One module in bench/benchmarks: measures the product against a baseline taken in the same run. */
export interface Benchmark {
  name: string;
  /** One line for the README and `--help`. */
  description: string;
  run(context: BenchContext): Promise<Figure[]>;
}
