// Prometheus metrics of the processors over the global order: why each woke up, and how often it
// took or lost its lease. Read from the processors' own counts when scraped, so an operator (and
// the tests) can see which copy of the process works and which stands by, by counting rather
// than timing.
import type { ProcessorStats, WakeCause } from '@offramp/processing';
import { Counter, Gauge, type Registry } from 'prom-client';

export interface CountedProcessor {
  readonly name: string;
  readonly stats: ProcessorStats;
}

export function registerProcessorMetrics(registry: Registry, processors: () => readonly CountedProcessor[]): void {
  if (registry.getSingleMetric('offramp_processor_wake_ups_total')) return;
  new Counter({
    name: 'offramp_processor_wake_ups_total',
    help: 'Times a processor over the global order woke up, by cause (local append, notification, reconnect, poll)',
    labelNames: ['processor', 'cause'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, stats } of processors()) {
        for (const [cause, count] of Object.entries(stats.wakeUps) as [WakeCause, number][]) this.inc({ processor: name, cause }, count);
      }
    },
  });
  new Counter({
    name: 'offramp_processor_lease_taken_total',
    help: 'Times this process took a processor\'s lease (started processing here)',
    labelNames: ['processor'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, stats } of processors()) this.inc({ processor: name }, stats.leaseTaken);
    },
  });
  new Counter({
    name: 'offramp_processor_lease_lost_total',
    help: 'Times a processor\'s lease lapsed while this process held it (another copy may have taken over)',
    labelNames: ['processor'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, stats } of processors()) this.inc({ processor: name }, stats.leaseLost);
    },
  });
  new Gauge({
    name: 'offramp_processor_holds_lease',
    help: '1 while this process holds the processor\'s lease and processes here, 0 while it stands by',
    labelNames: ['processor'],
    registers: [registry],
    collect() {
      for (const { name, stats } of processors()) this.set({ processor: name }, stats.holdsLease ? 1 : 0);
    },
  });
}
