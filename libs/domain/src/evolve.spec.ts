// Events are facts: a stream written before the folded state changed shape (machine lifecycle-3)
// replays, with today's evolve, to the state today's decide reaches from the same records.
import { describe, expect, it } from 'vitest';
import type { RelationshipState } from './api';
import { evolve } from './evolve';
import { MACHINE_VERSION } from './machine';
import type { DomainEvent } from './model';
import { POLICY_V1 } from './policy/default-policy';
import { History, type Raw } from './testing';
import recorded from './testing/recorded/lifecycle-3-acme.json';

const stream = recorded.events as unknown as DomainEvent[];
const steps = recorded.steps as unknown as (Raw | { until: string })[];

function decidedToday(): History {
  const h = new History(POLICY_V1);
  for (const step of steps) {
    if (Object.keys(step).length === 1 && typeof step.until === 'string') h.advanceTo(step.until);
    else h.record(step);
  }
  return h;
}

/**
 * Timer ids now name the signal or command that started the timer, and a command's first fact now
 * carries the command as given (`causedBy.command`); nothing else of an event changed.
 */
const withoutTimerIds = (events: DomainEvent[]) =>
  events.map((e) => {
    if (e.causedBy.kind === 'timer') return { ...e, causedBy: { ...e.causedBy, id: e.causedBy.type } };
    if (!e.causedBy.command) return e;
    const { command: _, ...causedBy } = e.causedBy;
    return { ...e, causedBy };
  });

describe('a stream recorded by machine lifecycle-3', () => {
  it('was recorded by an earlier machine', () => expect(recorded.machineVersion).not.toBe(MACHINE_VERSION));

  it('folds to the state deciding the same records reaches today', () => {
    const folded = stream.reduce<RelationshipState | null>((s, e) => evolve(s, e), null);
    expect(folded).toEqual(decidedToday().states.get('acme'));
  });

  it('holds the facts deciding the same records writes today', () => {
    expect(withoutTimerIds(decidedToday().streams.get('acme')!)).toEqual(withoutTimerIds(stream));
  });
});
