// The worker's two loops: inputs from the bus (Kafka or in-process) and due timers.
// Stopping lets the batch in flight finish; anything not committed is delivered again.
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '@offramp/config';
import { EngineWorker, type MessageBus } from '@offramp/messaging';
import type { Logger, Registry } from '@offramp/observability';
import { BUS, CONFIG, ENGINE, LOGGER, METRICS } from '@offramp/platform';
import type { RelationshipEngine } from '@offramp/runtime';
import { TimerRunner } from '@offramp/timers';

@Injectable()
export class EngineLoops implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly worker: EngineWorker;
  private readonly timers: TimerRunner;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    @Inject(ENGINE) engine: RelationshipEngine,
    @Inject(BUS) bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) registry: Registry,
  ) {
    this.worker = new EngineWorker({ bus, engine, topics: config.kafka?.topics, logger: logger.child({ component: 'worker' }), registry });
    this.timers = new TimerRunner(engine, {
      intervalMs: config.timerPollMs,
      onError: (error) => this.logger.warn({ err: error }, 'firing due timers failed; retrying'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.worker.start();
    this.timers.start();
    this.logger.info('engine worker consuming inputs and firing timers');
  }

  async onModuleDestroy(): Promise<void> {
    await this.timers.stop();
    this.logger.info('timer runner stopped');
  }
}
