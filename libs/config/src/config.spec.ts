import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('runs on the embedded defaults with no variables at all', () => {
    const config = loadConfig({}, false);
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.kafka).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
  });

  it('switches to PostgreSQL and Kafka when their variables are set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', KAFKA_BROKERS: 'a:9092, b:9093' }, false);
    expect(config.database.url).toBe('postgres://u@h:5432/db');
    expect(config.kafka?.brokers).toEqual(['a:9092', 'b:9093']);
    expect(config.kafka?.topics.signals).toBe('offramp.signals');
  });

  it('names the variable and what is allowed when a value is bad', () => {
    const bad = () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', KAFKA_BROKERS: 'nohost' }, false);
    expect(bad).toThrow(ConfigError);
    try { bad(); } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT: /m);
      expect(problems).toMatch(/LOG_LEVEL: must be one of fatal, error, warn, info/);
      expect(problems).toMatch(/KAFKA_BROKERS: each broker must be host:port/);
    }
  });

  it('has the worker decide two input partitions at once, in batches of up to 2,000, unless told otherwise', () => {
    const kafka = (env: Record<string, string>) => loadConfig({ KAFKA_BROKERS: 'a:9092', ...env }, false).kafka;
    expect(kafka({})).toMatchObject({ concurrentPartitions: 2, batchSize: 2_000 });
    expect(kafka({ KAFKA_CONCURRENT_PARTITIONS: '1', KAFKA_BATCH_SIZE: '100' })).toMatchObject({ concurrentPartitions: 1, batchSize: 100 });
    expect(() => kafka({ KAFKA_CONCURRENT_PARTITIONS: '0' })).toThrow(/KAFKA_CONCURRENT_PARTITIONS/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }, false).database.url).toBeUndefined();
  });
});
