import { describe, expect, it } from 'vitest';
import { isTransient } from './kafka-logging';

describe('kafkajs errors it retries by itself', () => {
  it.each([
    'This server does not host this topic-partition',
    'The group coordinator is not available',
    'The group is rebalancing, so a rejoin is needed',
    'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
  ])('are warnings: %s', (message) => expect(isTransient(message)).toBe(true));

  it('leave real failures as errors', () => {
    expect(isTransient('SASL PLAIN authentication failed: Authentication failed')).toBe(false);
    expect(isTransient('Crash: TypeError: handler exploded')).toBe(false);
  });
});
