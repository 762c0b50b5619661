// What a machine without Java or Maven is told.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureKafkaJars, kafkaCacheDir, requireJava } from './jars';

describe('the broker prerequisites', () => {
  const path_ = process.env.PATH;
  let cache: string;
  beforeEach(() => { cache = mkdtempSync(path.join(os.tmpdir(), 'offramp-cache-')); });
  afterEach(() => {
    process.env.PATH = path_;
    rmSync(cache, { recursive: true, force: true });
  });

  it('says to install Java when java is missing', async () => {
    process.env.PATH = cache;
    await expect(requireJava()).rejects.toThrow(/install it .*openjdk-17/);
  });

  it('says to install Maven when the jars must be downloaded and mvn is missing', async () => {
    process.env.PATH = cache;
    await expect(ensureKafkaJars(path.join(cache, 'kafka'))).rejects.toThrow(/apt-get install maven/);
  });

  it('caches per Kafka version under OFFRAMP_CACHE_DIR', () => {
    expect(kafkaCacheDir({ OFFRAMP_CACHE_DIR: '/var/cache/offramp' })).toBe('/var/cache/offramp/kafka-3.9.1');
  });
});
