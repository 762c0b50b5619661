// Health, readiness and metrics: what an orchestrator and Prometheus ask every process.
import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthRegistry, Registry } from '@offramp/observability';
import { HEALTH, METRICS } from '../tokens';

@ApiExcludeController()
@Controller()
export class OperationsController {
  constructor(
    @Inject(HEALTH) private readonly health: HealthRegistry,
    @Inject(METRICS) private readonly metrics: Registry,
  ) {}

  /** 200 once ready and every dependency answers; 503 with the failing checks otherwise. */
  @Get('health')
  async healthz(@Res() res: Response): Promise<void> {
    const report = await this.health.report();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  }

  /** Readiness: started and able to take work. */
  @Get('ready')
  ready(@Res() res: Response): void {
    const ready = this.health.isReady();
    res.status(ready ? 200 : 503).json(ready ? { ready } : { ready, waitingFor: this.health.waitingFor() });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    return this.metrics.metrics();
  }
}
