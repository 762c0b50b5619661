// Events are facts: a stream written before the folded state changed shape (machine lifecycle-3),
// and before RelationshipOpened's schema version 2, replays, with today's evolve, to the state
// today's decide reaches from the same records; upcast, it holds the facts decide writes today.
import { describe, expect, it } from 'vitest';
import { evolve } from './evolve';
import { MACHINE_VERSION } from './machine';
import { EVENT_SCHEMAS, relationshipEventSchema, upcast, type DomainEvent } from './events';
import { POLICY_V1 } from './policy/default-policy';
import type { RelationshipState } from './state';
import { History, asWritten, recordedEvents, recordedSteps } from './testing';
import recorded from './testing/recorded/lifecycle-3-acme.json';

const stream: DomainEvent[] = recordedEvents(recorded.events);
const steps = recordedSteps(recorded.steps);

function decidedToday(): History {
  const h = new History(POLICY_V1);
  for (const step of steps) {
    if (Object.keys(step).length === 1 && typeof step.until === 'string') h.advanceTo(step.until);
    else h.record(step);
  }
  return h;
}

/**
 * Timer ids now name the signal or command that started the timer, a command's first fact now
 * carries the command as given (`causedBy.command`), and events say their schema version (absent: 1);
 * nothing else of an event changed.
 */
const comparable = (events: DomainEvent[]) =>
  events.map((e) => {
    const { command: _, ...causedBy } = e.causedBy;
    return { ...e, schemaVersion: e.schemaVersion ?? 1, causedBy: e.causedBy.kind === 'timer' ? { ...causedBy, id: e.causedBy.type } : causedBy };
  });

describe('a stream recorded by machine lifecycle-3', () => {
  it('was recorded by an earlier machine', () => expect(recorded.machineVersion).not.toBe(MACHINE_VERSION));

  it('folds to the state deciding the same records reaches today', () => {
    const folded = stream.map(asWritten).reduce<RelationshipState | null>((s, e) => evolve(s, e), null);
    expect(folded).toEqual(decidedToday().states.get('acme'));
  });

  it('was written before schema versions: its RelationshipOpened copies the whole command', () => {
    expect(stream[0]).toMatchObject({ type: 'RelationshipOpened', data: { monthlyBudgetHours: 10, responseWindowHours: 24 } });
    expect(stream.every((e) => e.schemaVersion === undefined)).toBe(true);
    expect(EVENT_SCHEMAS.RelationshipOpened.safeParse(stream[0]).success).toBe(true);
  });

  it('holds, upcast, the facts deciding the same records writes today', () => {
    const read = stream.map(upcast);
    expect(read[0]).toMatchObject({ schemaVersion: 2, data: { clientName: 'Acme', teamId: 'team-north' } });
    expect(read[0]!.data).not.toHaveProperty('monthlyBudgetHours');
    expect(comparable(decidedToday().streams.get('acme')!)).toEqual(comparable(read));
  });

  it('validates, upcast, against the schema of each event type', () => {
    for (const event of stream.map(upcast)) expect(relationshipEventSchema.safeParse(event).error).toBeUndefined();
  });

  it('folds the same, read as it was written or upcast', () => {
    const fold = (events: DomainEvent[]) => events.map(asWritten).reduce<RelationshipState | null>((s, e) => evolve(s, e), null);
    expect(fold(stream.map(upcast))).toEqual(fold(stream));
  });
});

describe('reading an event at an older schema version', () => {
  it('leaves an event that does not have its version\'s shape as it was written', () => {
    const odd: DomainEvent = { ...stream[0]!, data: { note: 'not an opening' } };
    expect(upcast(odd)).toBe(odd);
  });

  it('leaves an event of the current version, or of a type it does not know, as it is', () => {
    const current = upcast(stream[0]!);
    expect(upcast(current)).toBe(current);
    const foreign: DomainEvent = { ...stream[0]!, type: 'SomethingElse' };
    expect(upcast(foreign)).toBe(foreign);
  });
});
