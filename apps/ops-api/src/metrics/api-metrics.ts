// What the ops API adds to the process's Prometheus registry: inputs by outcome, decisions
// (events) by type, refusals by code, and how long the engine took.
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { HandleResult } from '@offramp/runtime';
import { DecisionMetrics } from '@offramp/observability';
import { METRICS } from '@offramp/platform';

/** Registers a metric once per registry, so two modules sharing one registry share the metric. */
function once<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

@Injectable()
export class ApiMetrics {
  private readonly inputs: Counter<'kind' | 'outcome'>;
  private readonly decisions: Counter<'type'>;
  private readonly refusals: Counter<'code'>;
  private readonly latency: Histogram<'kind'>;
  private readonly bySource: DecisionMetrics;

  constructor(@Inject(METRICS) registry: Registry) {
    const registers = [registry];
    this.bySource = new DecisionMetrics(registry);
    this.inputs = once(registry, 'offramp_api_inputs_total', () =>
      new Counter({ name: 'offramp_api_inputs_total', help: 'Signals and commands received over HTTP, by outcome', labelNames: ['kind', 'outcome'], registers }));
    this.decisions = once(registry, 'offramp_api_decisions_total', () =>
      new Counter({ name: 'offramp_api_decisions_total', help: 'Domain events appended for HTTP inputs, by type', labelNames: ['type'], registers }));
    this.refusals = once(registry, 'offramp_api_refusals_total', () =>
      new Counter({ name: 'offramp_api_refusals_total', help: 'HTTP inputs refused, by code', labelNames: ['code'], registers }));
    this.latency = once(registry, 'offramp_api_decision_seconds', () =>
      new Histogram({ name: 'offramp_api_decision_seconds', help: 'Time from receiving an input to its decision being stored', labelNames: ['kind'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers }));
  }

  /** Starts timing a submission; call the result with what became of each input. */
  start(kind: 'signal' | 'command'): (results: readonly HandleResult[]) => void {
    const stop = this.latency.startTimer({ kind });
    return (results) => {
      stop();
      for (const result of results) this.count(kind, result);
    };
  }

  /** Counts an input the API answered itself (e.g. another team's relationship). */
  count(kind: 'signal' | 'command', result: HandleResult): void {
    this.inputs.inc({ kind, outcome: result.status });
    this.bySource.record('http', [result]);
    if (result.status === 'refused') this.refusals.inc({ code: result.refusal.code });
    if (result.status === 'accepted') for (const e of result.events) this.decisions.inc({ type: e.type });
  }
}
