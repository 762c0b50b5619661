// The gauges an operator looks at first, each read when Prometheus scrapes (collect), from a
// source the composition root provides: how far the outbox and each read model trail the event
// log, timers due and overdue, and the database pool's connections. Pool use is read from memory;
// the backlogs are one capped index scan each. A source that cannot answer within a second (the
// database away) leaves its gauge as it was, so the scrape itself still answers.
import { Counter, Gauge, type Registry } from 'prom-client';

export interface OperatorSources {
  /** Events not yet published by the outbox. */
  outboxLag(): Promise<number>;
  /** Events each read model has not applied yet, by read model. */
  readModelLag(): Promise<ReadonlyMap<string, number>>;
  /** Timers whose time has come, and those overdue (due for longer than the runner should take). */
  timers(): Promise<{ due: number; overdue: number }>;
  connections(): { total: number; idle: number; waiting: number };
}

const ANSWER_WITHIN_MS = 1_000;

function within<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), ANSWER_WITHIN_MS); });
  return Promise.race([work.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/** Registers the gauges on `registry` (again replacing earlier ones of the same name). */
export function registerOperatorMetrics(registry: Registry, sources: OperatorSources): void {
  const registers = [registry];
  const gauge = (name: string, help: string, labelNames: string[], collect: (this: Gauge) => Promise<void> | void) => {
    registry.removeSingleMetric(name);
    return new Gauge({ name, help, labelNames, registers, collect });
  };
  gauge('offramp_outbox_lag_events', 'Events in the event log not yet published to the events topic by the outbox', [], async function () {
    const lag = await within(sources.outboxLag());
    if (lag !== undefined) this.set(lag);
  });
  gauge('offramp_read_model_lag_events', 'Events in the event log a read model has not applied yet, by read model', ['read_model'], async function () {
    const lags = await within(sources.readModelLag());
    for (const [readModel, lag] of lags ?? []) this.set({ read_model: readModel }, lag);
  });
  let timers: Promise<{ due: number; overdue: number } | undefined> | null = null;
  /** Both timer gauges come from one query per scrape. */
  const timerCounts = () => (timers ??= within(sources.timers()).finally(() => setImmediate(() => { timers = null; })));
  gauge('offramp_timers_due', 'Timers whose time has come and that have not fired yet', [], async function () {
    const counts = await timerCounts();
    if (counts) this.set(counts.due);
  });
  gauge('offramp_timers_overdue', 'Timers due for longer than a minute: firing has fallen behind or stopped', [], async function () {
    const counts = await timerCounts();
    if (counts) this.set(counts.overdue);
  });
  gauge('offramp_db_pool_connections', 'Database connections by state: total open, idle, and callers waiting for one', ['state'], function () {
    const use = sources.connections();
    this.set({ state: 'total' }, use.total);
    this.set({ state: 'idle' }, use.idle);
    this.set({ state: 'waiting' }, use.waiting);
  });
}

/** Where an input came from. */
export type DecisionSource = 'kafka' | 'http' | 'timer';

/** What the engine made of an input: its status, and the refusal's code when refused. */
export interface DecisionOutcome { status: 'accepted' | 'duplicate' | 'refused'; refusal?: { code: string } }

/** Inputs decided, by source and outcome, and refusals by source and code; one per registry. */
export class DecisionMetrics {
  private readonly decisions: Counter<'source' | 'outcome'>;
  private readonly refusals: Counter<'source' | 'code'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.decisions = (registry.getSingleMetric('offramp_decisions_total') as Counter<'source' | 'outcome'> | undefined)
      ?? new Counter({ name: 'offramp_decisions_total', help: 'Inputs the engine decided, by source (kafka, http, timer) and outcome (accepted, duplicate, refused)', labelNames: ['source', 'outcome'], registers });
    this.refusals = (registry.getSingleMetric('offramp_refusals_total') as Counter<'source' | 'code'> | undefined)
      ?? new Counter({ name: 'offramp_refusals_total', help: 'Inputs refused, by source (kafka, http, timer) and refusal code', labelNames: ['source', 'code'], registers });
  }

  record(source: DecisionSource, outcomes: readonly DecisionOutcome[]): void {
    for (const outcome of outcomes) {
      this.decisions.inc({ source, outcome: outcome.status });
      if (outcome.status === 'refused' && outcome.refusal) this.refusals.inc({ source, code: outcome.refusal.code });
    }
  }
}
