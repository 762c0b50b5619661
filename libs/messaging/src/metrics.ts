// Prometheus metrics of the transports: throughput in and out, and how far consumers trail.
import { Counter, Gauge, type Registry } from 'prom-client';

function counter(registry: Registry, name: string, help: string, labelNames: string[]): Counter {
  return (registry.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

function gauge(registry: Registry, name: string, help: string, labelNames: string[]): Gauge {
  return (registry.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, labelNames, registers: [registry] });
}

export class MessagingMetrics {
  private readonly consumed?: Counter;
  private readonly produced?: Counter;
  private readonly lag?: Gauge;
  private readonly crashes?: Counter;

  /** Without a registry nothing is recorded. Several buses may share one registry. */
  constructor(registry?: Registry) {
    if (!registry) return;
    this.consumed = counter(registry, 'offramp_messages_consumed_total', 'Messages handled and committed by the consumer', ['topic']);
    this.produced = counter(registry, 'offramp_messages_produced_total', 'Messages published and acknowledged', ['topic']);
    this.lag = gauge(registry, 'offramp_consumer_lag', 'Messages in a partition not yet handled by the consumer group', ['topic', 'partition']);
    this.crashes = counter(registry, 'offramp_consumer_crashes_total', 'Kafka consumer failures, by whether it restarted (true) or stopped (false)', ['restarted']);
  }

  recordConsumed(topic: string, count: number): void {
    this.consumed?.inc({ topic }, count);
  }

  recordProduced(topic: string, count: number): void {
    this.produced?.inc({ topic }, count);
  }

  recordConsumerCrash(restarted: boolean): void {
    this.crashes?.inc({ restarted: String(restarted) });
  }

  recordLag(topic: string, partition: number, lag: number): void {
    this.lag?.set({ topic, partition: String(partition) }, Math.max(0, lag));
  }
}
