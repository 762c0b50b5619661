// A history run in process through the real engine and the in-memory store, as `simulate` runs it.
import { describe, expect, it } from 'vitest';
import { march, opened, signal } from '../../runtime/src/testing/history';
import { HistorySimulation } from './history-simulation';

async function simulate(records: unknown[], until?: string) {
  const simulation = new HistorySimulation({ until: until ? new Date(until) : undefined });
  for (const [i, record] of records.entries()) await simulation.apply(record, i + 1);
  return simulation.finish();
}

describe('a history with a reused message id', () => {
  // One messageId sent three times, each time after the last 48 h window ran out unanswered.
  const sent = (day: number) => signal('acme', 'message.sent', march(day), { messageId: 'm-weekly', channel: 'email' });

  it('counts every window that runs out, the last one fired by its own timer', async () => {
    const output = await simulate([opened('acme'), sent(3), sent(6), sent(9)], march(12));
    const acme = output.relationships[0];
    expect(acme.state).toBe('at_risk');
    expect(acme.reasons.find((r) => r.code === 'unanswered_messages')?.signalIds).toHaveLength(3);
  });

  it('leaves the last window open while it runs', async () => {
    const output = await simulate([opened('acme'), sent(3), sent(6), sent(9)], march(10));
    expect(output.relationships[0].state).toBe('healthy');
  });
});
