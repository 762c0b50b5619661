// A team's own policy on the real store: its stream sits in the global order beside the
// relationships', decisions record the team's version, and the read models pass it over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, teamPolicyStreamId } from '@offramp/domain';
import { atRiskQueue, portfolioBoard, relationshipTimeline } from '@offramp/read-models';
import { admin, day, manager, open, signal } from './builders';
import { startTestProduct, type Engine, type TestProduct } from './product';

for (const engine of ['postgres', 'pglite'] as Engine[]) describe(`a team policy on ${engine}`, () => {
  const north = admin('team-north');
  const south = manager('team-south');
  let product: TestProduct;

  beforeAll(async () => {
    product = await startTestProduct('team_policy', engine);
    const drafted = await product.policies.draft('team-north', { id: 'draft-1', at: day(0, 8), actor: north, document: { riskScore: { threshold: 45 } }, patch: true });
    expect(drafted.status).toBe('accepted');
    const activated = await product.policies.activate('team-north', { id: 'activate-1', at: day(0, 8), actor: north, reason: 'we act earlier', expectedVersion: 0 });
    expect(activated.status).toBe('accepted');
    const slowBurners = (id: string) => [
      signal(id, 'price.pressure', day(1, 10)), signal(id, 'advice.ignored', day(1, 11)), signal(id, 'scope.changed', day(1, 12)),
    ];
    const refused = (await product.feed(
      open(north, 'acme', 'Acme AB', day(0)), open(south, 'dune', 'Dune Ltd', day(0)),
      ...slowBurners('acme'), ...slowBurners('dune'),
    )).filter((r) => r.status === 'refused');
    expect(refused).toEqual([]);
    await product.catchUp();
  });

  afterAll(() => product?.close());

  it('policy 5: the team at 45 has its client at risk, the team on the default does not', async () => {
    expect((await atRiskQueue(product.read, { teamId: 'team-north', page: 1, pageSize: 50 })).items.map((e) => e.relationshipId)).toEqual(['acme']);
    expect((await portfolioBoard(product.read, { teamId: 'team-south', page: 1, pageSize: 50 })).relationships.items[0]).toMatchObject({ relationshipId: 'dune', state: 'healthy' });
  });

  it('every timeline entry names the policy version that decided it', async () => {
    const north = (await relationshipTimeline(product.read, { relationshipId: 'acme' })).filter((e) => e.kind === 'event');
    expect(new Set(north.map((e) => e.kind === 'event' && e.policyVersion))).toEqual(new Set(['team-north/1']));
    const south = (await relationshipTimeline(product.read, { relationshipId: 'dune' })).filter((e) => e.kind === 'event');
    expect(new Set(south.map((e) => e.kind === 'event' && e.policyVersion))).toEqual(new Set([DEFAULT_POLICY.version]));
  });

  it('the team\'s policy is its own stream, and the read models pass it over', async () => {
    expect((await product.store.readStream(teamPolicyStreamId('team-north'))).map((e) => e.type)).toEqual(['PolicyDrafted', 'PolicyActivated']);
    const board = await portfolioBoard(product.read, { teamId: 'team-north', page: 1, pageSize: 50 });
    expect(board.counts.total).toBe(1);
  });
});
