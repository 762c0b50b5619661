// Health is the sum of named checks (database, broker, ...); each part registers its own.
export interface HealthCheckResult { ok: boolean; detail?: string }
export type HealthCheck = () => Promise<HealthCheckResult>;

export interface HealthReport { status: 'ok' | 'unhealthy'; checks: Record<string, HealthCheckResult> }

export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private ready = false;

  register(name: string, check: HealthCheck): void { this.checks.set(name, check); }
  markReady(ready = true): void { this.ready = ready; }
  isReady(): boolean { return this.ready; }

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
