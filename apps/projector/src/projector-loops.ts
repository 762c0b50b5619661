// The projector's processors over the global order: read models and the webhook fan-out
// (checkpoint in the same transaction as their rows) and the outbox publisher (checkpoint after the
// bus acknowledged), each woken by every append and run under a lease, so with several copies of
// the process on one database each runs in one place and another copy takes over when its holder
// dies. The webhook dispatcher sends what the fan-out queued.
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '@offramp/config';
import { CheckpointStore, SqlLeaseStore, type Database, type Sql, type SqlEventStore } from '@offramp/event-store';
import { OutboxPublisher, type MessageBus } from '@offramp/messaging';
import { WEBHOOK_QUEUE, WebhookDispatcher, webhookFanOut } from '@offramp/notifications';
import { TailingProcessor } from '@offramp/processing';
import type { Logger } from '@offramp/observability';
import { BUS, CONFIG, DATABASE, EVENT_STORE, LOGGER, METRICS } from '@offramp/platform';
import { allProjections, ProjectionRunner } from '@offramp/read-models';
import type { Registry } from 'prom-client';
import { registerProcessorMetrics } from './processor-metrics';

@Injectable()
export class ProjectorLoops implements OnApplicationBootstrap, OnModuleDestroy {
  readonly projections: ProjectionRunner;
  private readonly outbox: OutboxPublisher;
  private readonly webhookQueue: TailingProcessor<Sql>;
  readonly webhooks: WebhookDispatcher;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    @Inject(DATABASE) database: Database,
    @Inject(EVENT_STORE) private readonly store: SqlEventStore,
    @Inject(BUS) bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) metrics: Registry,
  ) {
    const lease = { store: new SqlLeaseStore(database), ttlMs: config.leaseTtlMs };
    this.projections = new ProjectionRunner({
      db: database,
      store,
      projections: allProjections(),
      pollMs: config.projectionPollMs,
      lease,
      logger: logger.child({ component: 'projections' }),
    });
    this.outbox = new OutboxPublisher({
      store,
      bus,
      checkpoints: new CheckpointStore(database),
      topic: config.kafka?.topics.events,
      pollMs: config.projectionPollMs,
      lease,
      logger: logger.child({ component: 'outbox' }),
    });
    // Not a read model (a rebuild must not send the past again): a processor of its own.
    this.webhookQueue = new TailingProcessor<Sql>({
      name: WEBHOOK_QUEUE, source: store, checkpoints: new CheckpointStore(database), handlers: [webhookFanOut], pollMs: config.projectionPollMs, lease,
      logger: logger.child({ component: WEBHOOK_QUEUE }),
    });
    registerProcessorMetrics(metrics, () => [this.projections, this.outbox, this.webhookQueue]);
    this.webhooks = new WebhookDispatcher({ db: database, pollMs: config.projectionPollMs * 5, logger: logger.child({ component: 'webhooks' }) });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.projections.start();
    this.outbox.start();
    this.webhookQueue.start();
    this.webhooks.start();
    // The log's readers wake themselves on every append; the dispatcher reads the queue they fill.
    this.store.onAppended(() => this.webhooks.nudge());
    this.logger.info('projector tailing the event store');
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.projections.stop(), this.outbox.stop(), this.webhookQueue.stop(), this.webhooks.stop()]);
    this.logger.info('projector stopped');
  }
}
