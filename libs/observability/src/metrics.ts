// One Prometheus registry per process; each part registers its own metrics on it.
import { Registry, collectDefaultMetrics } from 'prom-client';

export { Registry };

export function createMetricsRegistry(options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'offramp' });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
