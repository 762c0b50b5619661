// What an account team reads each morning, on PostgreSQL and on PGlite, on a manual clock: the
// Today list from the timers' facts, search that ignores case and accents, sorting, the account
// owner, and notes on the timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRelationships, relationshipTimeline, today } from '@offramp/read-models';
import { command, date, day, manager, open, signal } from './builders';
import { startTestProduct, type Engine, type TestProduct } from './product';

for (const engine of ['postgres', 'pglite'] as Engine[]) describe(`daily work on ${engine}`, () => {
  const north = manager('team-north', 'u-ana');
  const south = manager('team-south');
  const paging = { page: 1, pageSize: 50 };
  let product: TestProduct;

  beforeAll(async () => {
    product = await startTestProduct('daily_work', engine);
    const refused = (await product.feed(
      open(north, 'zurich', 'Zürich Versicherung', day(0)),
      open(north, 'aarhus', 'Aarhus Ølbryggeri', day(0, 10)),
      open(north, 'birch', 'birch studio', day(0, 11)),
      open(north, 'cedar', 'Cedar & Co', day(0, 12)),
      open(south, 'zug', 'Zug Partners', day(0, 13)),
      command(north, 'aarhus', 'account.assign_owner', day(0, 14), { ownerId: 'u-ana' }),
      // zurich: at risk, then a repair whose review is due on day 5
      signal('zurich', 'dishonesty.detected', day(1)),
      command(north, 'zurich', 'repair.start', day(1, 10), { strategy: 'self_reflection', ownerId: 'u-ana', reviewOn: date(5) }),
      command(north, 'zurich', 'note.add', day(1, 11), { text: 'Dana promised the sign-off by Friday.' }),
      // cedar: proposed on day 1, cooling-off (72 h) over on day 4
      command(north, 'cedar', 'termination.propose', day(1, 12), { reason: 'We cannot staff their schedule.' }),
      // birch: turns at risk on day 6
      signal('birch', 'dishonesty.detected', day(6)),
      signal('zug', 'dishonesty.detected', day(6, 10)),
    )).filter((r) => r.status === 'refused');
    expect(refused).toEqual([]);
    await product.advanceTo(day(6, 12));
    await product.catchUp();
  });

  afterAll(() => product?.close());

  it('Today lists the review due, the cooling-off ended and what turned at risk since last looked, mine marked', async () => {
    const list = await today(product.read, { teamId: 'team-north', personId: 'u-ana', since: day(5) });
    expect(list.items.map((i) => [i.kind, i.relationshipId, i.action, i.mine])).toEqual([
      ['cooling_off_ended', 'cedar', 'notice.serve', false],
      ['review_due', 'zurich', 'repair.conclude', true],
      ['turned_at_risk', 'birch', 'repair.start', false],
    ]);
    expect(list.items[0]).toMatchObject({ blockedBy: 'contract_not_reviewed' });
    // Looked after birch turned: it is no longer news. Another team's never shows.
    const later = await today(product.read, { teamId: 'team-north', personId: 'u-ana', since: day(6, 11) });
    expect(later.items.map((i) => i.relationshipId)).not.toContain('birch');
    expect(JSON.stringify(await today(product.read, { teamId: 'team-south', personId: 'x', since: day(0) }))).not.toMatch(/zurich|cedar|birch/);
  });

  it('before the review date and the end of cooling-off, Today has nothing of them', async () => {
    const early = await startTestProduct('daily_work_early', engine);
    try {
      await early.feed(
        open(north, 'zurich', 'Zürich', day(0)), signal('zurich', 'dishonesty.detected', day(1)),
        command(north, 'zurich', 'repair.start', day(1, 10), { strategy: 'self_reflection', ownerId: 'u-ana', reviewOn: date(5) }),
        open(north, 'cedar', 'Cedar', day(0, 12)), command(north, 'cedar', 'termination.propose', day(1, 12), { reason: 'x' }),
      );
      await early.advanceTo(day(2));
      await early.catchUp();
      expect((await today(early.read, { teamId: 'team-north', personId: 'u-ana', since: day(3) })).items).toEqual([]);
    } finally {
      await early.close();
    }
  });

  it('search ignores case and accents, on the server', async () => {
    const ids = async (q: string) => (await listRelationships(product.read, { teamId: 'team-north', ...paging, q })).items.map((r) => r.relationshipId).sort();
    expect(await ids('zur')).toEqual(['zurich']);
    expect(await ids('ZÜR')).toEqual(['zurich']);
    expect(await ids('olbr')).toEqual(['aarhus']);
    expect(await ids('BIRCH')).toEqual(['birch']);
    expect(await ids('%')).toEqual([]);
  });

  it('sorts by name, by state in lifecycle order, by latest change; filters by account owner', async () => {
    const order = async (sort: 'name' | 'state' | 'updated' | 'risk') => (await listRelationships(product.read, { teamId: 'team-north', ...paging, sort })).items.map((r) => r.relationshipId);
    expect(await order('name')).toEqual(['aarhus', 'birch', 'cedar', 'zurich']);
    expect((await order('state'))[0]).toBe('aarhus');
    expect((await order('state')).at(-1)).toBe('cedar');
    expect((await order('updated'))[0]).toBe('birch');
    const owned = await listRelationships(product.read, { teamId: 'team-north', ...paging, accountOwner: 'u-ana' });
    expect(owned.items.map((r) => [r.relationshipId, r.accountOwner])).toEqual([['aarhus', 'u-ana']]);
  });

  it('a note is on the timeline with who wrote it, and moved nothing', async () => {
    const entries = await relationshipTimeline(product.read, { relationshipId: 'zurich' });
    const note = entries.find((e) => e.kind === 'event' && e.type === 'NoteAdded');
    expect(note).toMatchObject({ actor: { id: 'u-ana' }, data: { text: 'Dana promised the sign-off by Friday.' } });
  });
});
