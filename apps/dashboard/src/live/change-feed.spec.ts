import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@offramp/domain';
import { InMemoryEventStore } from '@offramp/event-store';
import { RelationshipEngine, type Checkpoint } from '@offramp/runtime';
import { ManualClock } from '@offramp/timers';
import { ChangeFeed } from './change-feed';

const at = '2026-03-02T10:00:00Z';
const actor = (teamId: string) => ({ id: 'maria', teamId, role: 'manager' });

/** A product with one read model whose projector the spec moves by hand. */
function product() {
  const store = new InMemoryEventStore();
  const engine = new RelationshipEngine({ store, timers: store.timers, clock: new ManualClock(at), policy: DEFAULT_POLICY });
  let applied: Checkpoint = null;
  const projector = { catchUp: async () => { applied = (await store.readAll(null, 10_000)).checkpoint; } };
  const feed = new ChangeFeed(store, { checkpoints: async () => [applied] }, 60_000);
  const open = (id: string, teamId: string) => engine.handle({ kind: 'command', id: `open-${id}`, type: 'relationship.open', relationshipId: id, issuedAt: at, actor: actor(teamId), data: { clientName: id, teamId } });
  const abuse = (id: string) => engine.handle({ kind: 'signal', id: `abuse-${id}`, type: 'abuse.verbal', relationshipId: id, occurredAt: at, source: 'chat', data: {} });
  return { feed, projector, open, abuse };
}

function listen(feed: ChangeFeed, teamId: string): string[][] {
  const heard: string[][] = [];
  feed.subscribe(teamId, (ids) => heard.push(ids));
  return heard;
}

describe('the live change feed', () => {
  it('announces a change only once the read models have applied it', async () => {
    const { feed, projector, open, abuse } = product();
    await open('acme', 'team-a');
    await projector.catchUp();
    const heard = listen(feed, 'team-a');
    await feed.tick();
    expect(heard).toEqual([]);

    await abuse('acme');
    await feed.tick();
    expect(heard).toEqual([]);

    await projector.catchUp();
    await feed.tick();
    expect(heard).toEqual([['acme']]);
    await feed.tick();
    expect(heard).toEqual([['acme']]);
    feed.stop();
  });

  it('announces what the read models apply after a page connected, even if it was stored before', async () => {
    const { feed, projector, open, abuse } = product();
    await open('acme', 'team-a');
    await projector.catchUp();
    await abuse('acme');
    const heard = listen(feed, 'team-a');
    await feed.tick();
    expect(heard).toEqual([]);

    await projector.catchUp();
    await feed.tick();
    expect(heard).toEqual([['acme']]);
    feed.stop();
  });

  it('tells each team only about its own relationships', async () => {
    const { feed, projector, open, abuse } = product();
    const teamA = listen(feed, 'team-a');
    const teamB = listen(feed, 'team-b');
    await feed.tick();
    await open('acme', 'team-a');
    await open('globex', 'team-b');
    await abuse('globex');
    await projector.catchUp();
    await feed.tick();
    expect(teamA).toEqual([['acme']]);
    expect(teamB).toEqual([['globex']]);
    feed.stop();
  });
});
