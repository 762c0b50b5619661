import { describe, expect, it } from 'vitest';
import { HealthRegistry } from './health';

describe('health', () => {
  it('is unhealthy until the process says it is ready', async () => {
    const health = new HealthRegistry();
    health.register('database', async () => ({ ok: true }));
    expect((await health.report()).status).toBe('unhealthy');
    health.markReady();
    expect((await health.report()).status).toBe('ok');
  });

  it('reports a failing or throwing check by name', async () => {
    const health = new HealthRegistry();
    health.markReady();
    health.register('database', async () => { throw new Error('connection refused'); });
    health.register('broker', async () => ({ ok: true }));
    const report = await health.report();
    expect(report.status).toBe('unhealthy');
    expect(report.checks.database).toEqual({ ok: false, detail: 'connection refused' });
    expect(report.checks.broker).toEqual({ ok: true });
  });

  it('counts a check that never answers as failing', async () => {
    const health = new HealthRegistry();
    health.markReady();
    health.register('stuck', () => new Promise(() => undefined));
    expect((await health.report(20)).checks.stuck.ok).toBe(false);
  });
});
