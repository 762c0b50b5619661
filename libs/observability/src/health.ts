// Health is the sum of named checks (database, broker, ...); each part registers its own.
import { z } from 'zod';

const checkResultSchema = z.object({ ok: z.boolean(), detail: z.string().optional() });

export const healthReportSchema = z.object({
  status: z.enum(['ok', 'unhealthy']),
  checks: z.record(z.string(), checkResultSchema).describe('Every named check (ready, database, broker, ...).'),
}).meta({ id: 'HealthReport', description: 'ok once ready and every dependency answers.' });

export const readinessSchema = z.object({ ready: z.boolean() }).meta({ id: 'Readiness', description: 'Started and able to take work.' });

export type HealthCheckResult = z.infer<typeof checkResultSchema>;
export type HealthCheck = () => Promise<HealthCheckResult>;
export type HealthReport = z.infer<typeof healthReportSchema>;

export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private readonly readiness = new Map<string, () => boolean>();
  private ready = false;

  register(name: string, check: HealthCheck): void { this.checks.set(name, check); }
  /** Something that must hold before the process takes work (a consumer joined its group); health does not wait for it. */
  requireForReadiness(name: string, condition: () => boolean): void { this.readiness.set(name, condition); }
  markReady(ready = true): void { this.ready = ready; }
  /** Started (listening) and every readiness condition holds. */
  isReady(): boolean { return this.ready && [...this.readiness.values()].every((holds) => holds()); }
  /** The readiness conditions that do not hold yet. */
  waitingFor(): string[] { return [...this.readiness].filter(([, holds]) => !holds()).map(([name]) => name); }

  async report(timeoutMs = 2000): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await withTimeout(check, timeoutMs)] as const),
    );
    const checks = Object.fromEntries(entries);
    const ok = this.ready && entries.every(([, r]) => r.ok);
    return { status: ok ? 'ok' : 'unhealthy', checks: { ready: { ok: this.ready }, ...checks } };
  }
}

async function withTimeout(check: HealthCheck, ms: number): Promise<HealthCheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthCheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([check().catch((e: unknown) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
