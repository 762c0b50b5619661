// Real facts for seeding stores: a generated history decided and folded by the domain itself,
// in memory, so that projections see exactly what the product would have stored.
import type * as Domain from '@offramp/domain';
import { generateHistory, type HistoryOptions } from './history';
import { sampleEvent } from './sample-events';

export interface SeedEvent { streamId: string; version: number; event: Domain.DomainEvent }

type DomainApi = Pick<typeof Domain, 'parseInput' | 'decide' | 'evolve' | 'DEFAULT_POLICY'>;

/** Decides a generated history until `count` events came out. */
export function* decidedEvents(domain: DomainApi, count: number, history: Omit<HistoryOptions, 'lines'>): Generator<SeedEvent> {
  const states = new Map<string, Domain.RelationshipState>();
  const versions = new Map<string, number>();
  let produced = 0;
  for (const line of generateHistory({ ...history, lines: Number.MAX_SAFE_INTEGER })) {
    const parsed = domain.parseInput(line);
    if (!parsed.ok) continue;
    const state = states.get(line.relationshipId) ?? null;
    const decision = domain.decide(state, parsed.input, domain.DEFAULT_POLICY);
    if (decision.outcome !== 'accepted') continue;
    let next = state;
    for (const event of decision.events) {
      next = domain.evolve(next, event);
      const version = (versions.get(line.relationshipId) ?? 0) + 1;
      versions.set(line.relationshipId, version);
      yield { streamId: line.relationshipId, version, event };
      if (++produced >= count) return;
    }
    if (next) states.set(line.relationshipId, next);
  }
}

/** Stand-in facts when the domain cannot decide yet: same size, one type. */
export function* sampleSeedEvents(count: number, streams: number): Generator<SeedEvent> {
  for (let i = 0; i < count; i++) {
    const streamId = `rel-${String(i % streams).padStart(7, '0')}`;
    const version = Math.floor(i / streams) + 1;
    yield { streamId, version, event: sampleEvent(streamId, version) };
  }
}

export function* chunksOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
