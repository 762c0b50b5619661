// Policy 25: the score is read now. The board, the relationship list and the at-risk queue report
// the score decayed to the moment of reading and sort by it, on PostgreSQL and on PGlite, with no
// row rewritten as time passes (policy 24: red flags and rule-2 triggers outrank slow burners).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atRiskQueue, listRelationships, noticeTracker, paretoReport, portfolioBoard } from '@offramp/read-models';
import { command, date, day, manager, open, signal } from './builders';
import { startTestProduct, type Engine, type TestProduct } from './product';

for (const engine of ['postgres', 'pglite'] as Engine[]) describe(`policy 25: the score read now, on ${engine}`, () => {
  const east = manager('team-east');
  const paging = { teamId: 'team-east', page: 1, pageSize: 50 };
  let product: TestProduct;
  let quietAtFirst: number;

  beforeAll(async () => {
    product = await startTestProduct('risk_now', engine);
    await product.feed(
      open(east, 'quiet', 'Quiet Quarry', day(0)),
      signal('quiet', 'scope.changed', day(0, 10)),
      signal('quiet', 'price.pressure', day(0, 11)),
    );
    await product.catchUp();
    quietAtFirst = (await listRelationships(product.read, paging)).items.find((r) => r.relationshipId === 'quiet')!.riskScore;
    const refused = (await product.feed(
      ...['liar', 'payer', 'shouter', 'burner', 'laptop', 'coral'].map((id, i) => open(east, id, id.toUpperCase(), day(0, 12 + i))),
      signal('coral', 'invoice.issued', day(1, 10), { invoiceId: 'C-1', amount: 2000, dueOn: date(200) }),
      signal('coral', 'invoice.paid', day(2, 10), { invoiceId: 'C-1', amount: 10, paidOn: date(2) }),
      command(east, 'coral', 'termination.propose', day(3), { reason: 'Their shop moved abroad.' }),
      command(east, 'coral', 'contract.review', day(4), { terminationAllowed: true, looseEnds: [], paidWorkDelivered: true }),
      signal('liar', 'dishonesty.detected', day(1)),
      ...[10, 15, 20].map((due, i) => signal('payer', 'invoice.issued', day(2, 10 + i), { invoiceId: `P-${i}`, amount: 500, dueOn: date(due) })),
      ...['price.pressure', 'scope.changed', 'advice.ignored', 'recommendation.rejected', 'meeting.missed', 'attitude.negative']
        .map((type, i) => signal('burner', type, day(85 + Math.floor(i / 3), 10 + (i % 3)))),
      signal('shouter', 'demand.unreasonable', day(88)),
      signal('laptop', 'abuse.physical', day(89)),
    )).filter((r) => r.status === 'refused');
    expect(refused).toEqual([]);
    await product.advanceTo(day(90));
    await product.catchUp();
  });

  afterAll(() => product?.close());

  it('a relationship whose signs are 90 days old shows them decayed, not the score stored with its last fact', async () => {
    const quiet = (await listRelationships(product.read, paging)).items.find((r) => r.relationshipId === 'quiet')!;
    expect(quietAtFirst).toBe(32);
    expect(quiet).toMatchObject({ state: 'healthy', riskScore: 0 });
    expect((await product.engine.view('quiet'))!.riskScore).toBe(0);
  });

  it('the at-risk queue puts the worst first: a fresh red flag, slow burners over the threshold, then the floors of rules 1 and 2', async () => {
    const queue = (await atRiskQueue(product.read, paging)).items;
    expect(queue.map((e) => e.relationshipId)).toEqual(['shouter', 'burner', 'liar', 'payer']);
    const score = (id: string) => queue.find((e) => e.relationshipId === id)!.riskScore;
    expect(score('shouter')).toBeGreaterThan(score('burner'));
    expect(score('burner')).toBeGreaterThan(60);
    expect(score('liar')).toBe(60);
    expect(score('payer')).toBe(60);
  });

  it('the board and the list sort by the score now, a red-flag exit on top and a client with no warning sign last', async () => {
    const board = await portfolioBoard(product.read, paging);
    const items = board.relationships.items;
    expect(items.map((r) => r.relationshipId)).toEqual(['laptop', 'shouter', 'burner', 'liar', 'payer', 'quiet', 'coral']);
    expect(items.map((r) => r.riskScore)).toEqual([...items.map((r) => r.riskScore)].sort((a, b) => b - a));
    for (const r of items) expect(r.riskScore).toBe((await product.engine.view(r.relationshipId))!.riskScore);
  });

  it('reads later, without a new fact, give lower scores and the floors stay', async () => {
    const earlier = (await atRiskQueue(product.read, paging)).items.find((e) => e.relationshipId === 'shouter')!.riskScore;
    product.clock.set(day(95));
    const queue = (await atRiskQueue(product.read, paging)).items;
    expect(queue.find((e) => e.relationshipId === 'shouter')!.riskScore).toBeLessThan(earlier);
    expect(queue.find((e) => e.relationshipId === 'liar')!.riskScore).toBe(60);
  });

  it('policy 27: the notice tracker shows what remains open of an invoice paid in part, and Pareto counts what is unpaid', async () => {
    const coral = (await noticeTracker(product.read, paging)).items.find((n) => n.relationshipId === 'coral')!;
    expect(coral.openReceivables).toEqual([{ invoiceId: 'C-1', amount: 2000, paid: 10, remaining: 1990, dueOn: date(200) }]);
    expect(coral.blockedBy).toBe('receivables_outstanding');
    const pareto = await paretoReport(product.read, { teamId: 'team-east' });
    expect(pareto.byCost.ranking.find((e) => e.relationshipId === 'coral')!.unpaidAmount).toBe(1990);
  });
});
