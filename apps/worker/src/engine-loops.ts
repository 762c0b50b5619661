// The worker's two loops: inputs from the bus (Kafka or in-process) and due timers.
// Stopping lets the batch in flight finish; anything not committed is delivered again.
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { callerOf, resolveJwtSecret } from '@offramp/auth';
import type { AppConfig } from '@offramp/config';
import { EngineWorker, type DeadLetterArchive, type MessageBus } from '@offramp/messaging';
import { DecisionMetrics, type Logger, type Registry } from '@offramp/observability';
import { BUS, CONFIG, DEAD_LETTERS, ENGINE, LOGGER, METRICS } from '@offramp/platform';
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
    @Inject(DEAD_LETTERS) archive: DeadLetterArchive,
  ) {
    const decisions = new DecisionMetrics(registry);
    const tokens = config.kafka?.commandAuth === 'token';
    const secret = tokens ? resolveJwtSecret(config) : '';
    this.worker = new EngineWorker({
      bus,
      engine: {
        handleBatch: async (raws) => {
          const results = await engine.handleBatch(raws);
          decisions.record('kafka', results);
          return results;
        },
      },
      topics: config.kafka?.topics, logger: logger.child({ component: 'worker' }), registry, archive, maxDeadLetterBytes: config.deadLetterMaxBytes,
      ...(tokens ? { commandActor: (authorization: string | undefined) => callerOf(authorization, secret) } : {}),
    });
    if (config.kafka) {
      logger.info({ commandAuth: config.kafka.commandAuth }, tokens
        ? 'Kafka commands must carry a signed bearer token (authorization header); the actor is the token\'s'
        : 'Kafka commands are trusted as written (their actor as given): the broker\'s ACLs decide who may produce them');
    }
    this.timers = new TimerRunner({
      fireDueTimers: async (limit) => {
        const fired = await engine.fireDueTimers(limit);
        decisions.record('timer', fired.map((f) => f.result));
        return fired;
      },
    }, {
      intervalMs: config.timerPollMs,
      onError: (error) => this.logger.warn({ err: error }, 'firing due timers failed; retrying'),
    });
  }

  /**
   * Joining the consumer group is not awaited: after a crash it waits for the old member's session
   * to time out, and HTTP (health included) answers meanwhile. Readiness waits for the join.
   */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.start().then(
      () => this.logger.info('engine worker consuming inputs'),
      (error: unknown) => this.logger.error({ err: error }, 'engine worker could not start consuming'),
    );
    this.timers.start();
    this.logger.info('engine worker joining its consumer group; firing timers');
  }

  async onModuleDestroy(): Promise<void> {
    await this.timers.stop();
    this.logger.info('timer runner stopped');
  }
}
