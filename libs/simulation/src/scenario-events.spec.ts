// Every event the engine writes for the scenario histories (the project's and the shared ones)
// validates against the schema of its type, at its type's current schema version.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE, relationshipEventSchema, type EventType } from '@offramp/domain';
import type { StoredEvent } from '@offramp/runtime';
import { HistorySimulation } from './history-simulation';

const root = path.resolve(__dirname, '../../..');
const folders = [path.join(root, 'test/scenarios'), path.resolve(root, '../shared/scenarios'), path.resolve(root, '../shared/scenarios/v2')];
const histories = folders.flatMap((dir) => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.ndjson')).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
});

async function eventsOf(file: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  const simulation = new HistorySimulation({ onEvents: (written) => events.push(...written) });
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  for (const [i, line] of lines.entries()) await simulation.apply(JSON.parse(line), i + 1);
  await simulation.finish();
  return events;
}

describe('the events of the scenario histories', () => {
  it('come from histories', () => expect(histories.length).toBeGreaterThan(10));

  it.each(histories.map((f) => [path.relative(root, f), f]))('%s: every event validates against its schema', async (_, file) => {
    const events = await eventsOf(file);
    expect(events.length).toBeGreaterThan(0);
    for (const { event } of events) {
      const parsed = relationshipEventSchema.safeParse(event);
      expect(parsed.error, `${event.type} ${JSON.stringify(event)}`).toBeUndefined();
      expect(event.schemaVersion).toBe(EVENT_CATALOGUE[event.type as EventType].version);
    }
  });
});
