// Health is the sum of named checks (database, broker, ...); each part registers its own.
export interface HealthCheckResult { ok: boolean; detail?: string }
export type HealthCheck = () => Promise<HealthCheckResult>;

export interface HealthReport { status: 'ok' | 'unhealthy'; checks: Record<string, HealthCheckResult> }

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
