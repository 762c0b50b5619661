import { InMemoryCheckpoints, TailingProcessor } from '@offramp/processing';
import { createMetricsRegistry } from '@offramp/observability';
import { describe, expect, it } from 'vitest';
import { registerProcessorMetrics } from './processor-metrics';

const sample = (text: string, name: string, processor: string, cause?: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`processor="${processor}"`) && (!cause || l.includes(`cause="${cause}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('processor metrics', () => {
  it('given a processor woken twice by appends, a scrape reads its wake-ups and that it holds no lease', async () => {
    const processor = new TailingProcessor({
      name: 'read-models', source: { readAll: async (after) => ({ events: [], checkpoint: after }) },
      checkpoints: new InMemoryCheckpoints(), handlers: [{ name: 'board', afterPage: async () => undefined }],
    });
    const registry = createMetricsRegistry({ defaultMetrics: false });
    registerProcessorMetrics(registry, () => [processor]);
    processor.nudge('local');
    processor.nudge('notification');

    const text = await registry.metrics();
    expect(sample(text, 'offramp_processor_wake_ups_total', 'read-models', 'local')).toBe(1);
    expect(sample(text, 'offramp_processor_wake_ups_total', 'read-models', 'notification')).toBe(1);
    expect(sample(text, 'offramp_processor_wake_ups_total', 'read-models', 'poll')).toBe(0);
    expect(sample(text, 'offramp_processor_lease_taken_total', 'read-models')).toBe(0);
    expect(sample(text, 'offramp_processor_holds_lease', 'read-models')).toBe(0);
  });
});
