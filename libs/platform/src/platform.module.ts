// Provides the shared ports to every app module, and closes the database last on shutdown.
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@offramp/config';
import { OperationsController } from './http/operations.controller';
import { createPlatform, type Platform } from './platform';
import { BUS, CLOCK, CONFIG, DATABASE, DEAD_LETTERS, ENGINE, EVENT_STORE, HEALTH, LOGGER, METRICS, POLICIES, TIMER_STORE } from './tokens';

const PLATFORM = Symbol('PLATFORM');

const fromPlatform = <K extends keyof Platform>(token: symbol, key: K) => ({
  provide: token,
  inject: [PLATFORM],
  useFactory: (p: Platform) => p[key],
});

@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  /** `platform` lets a test or the CLI hand in ports it built itself. */
  static forRoot(config: AppConfig, platform?: Promise<Platform>): DynamicModule {
    const providers = [
      { provide: PLATFORM, useFactory: () => platform ?? createPlatform(config) },
      fromPlatform(CONFIG, 'config'),
      fromPlatform(LOGGER, 'logger'),
      fromPlatform(METRICS, 'metrics'),
      fromPlatform(HEALTH, 'health'),
      fromPlatform(DATABASE, 'database'),
      fromPlatform(EVENT_STORE, 'store'),
      fromPlatform(TIMER_STORE, 'timers'),
      fromPlatform(CLOCK, 'clock'),
      fromPlatform(ENGINE, 'engine'),
      fromPlatform(POLICIES, 'policies'),
      fromPlatform(BUS, 'bus'),
      fromPlatform(DEAD_LETTERS, 'deadLetters'),
    ];
    return {
      module: PlatformModule,
      controllers: [OperationsController],
      providers,
      exports: providers.map((p) => p.provide),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.platform.close();
    this.platform.logger.info('database closed');
  }
}
