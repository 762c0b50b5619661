// Every read model over the real store on PostgreSQL and on PGlite, fed through the real engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  atRiskQueue, exitLessons, listRelationships, noticeTracker, paretoReport, portfolioBoard, relationshipTimeline,
} from '@offramp/read-models';
import { admin, command, date, day, manager, open, signal } from './builders';
import { startTestProduct, type Engine, type TestProduct } from './product';

for (const engine of ['postgres', 'pglite'] as Engine[]) describe(`read models on ${engine}`, () => {
  const north = manager('team-north');
  const south = manager('team-south');
  const paging = { page: 1, pageSize: 50 };

  let product: TestProduct;

  beforeAll(async () => {
    product = await startTestProduct('read_models', engine);
    const refused = (await product.feed(
      open(north, 'acme', 'Acme AB', day(0), { monthlyBudgetHours: 10 }),
      open(north, 'birch', 'Birch Studio', day(0, 10)),
      open(north, 'cedar', 'Cedar & Co', day(0, 11)),
      open(south, 'dune', 'Dune Ltd', day(0, 12)),
      // acme: a dispute puts it at risk at once (rule 1); time over budget; a losing period
      signal('acme', 'invoice.disputed', day(1), { invoiceId: 'A-1', reason: 'wants a discount' }, 'acme-dispute'),
      signal('acme', 'time.logged', day(2), { hours: 14 }),
      signal('acme', 'period.closed', day(3), { period: '2026-02', revenue: 1000, cost: 1500 }),
      // birch: dishonesty puts it at risk; a repair starts with an owner
      signal('birch', 'dishonesty.detected', day(1, 12), { description: 'invented a sign-off' }, 'birch-lie'),
      command(north, 'birch', 'repair.start', day(2, 12), { strategy: 'self_reflection', ownerId: 'u-ana', reviewOn: date(20) }),
      // cedar: proposed for termination with an open invoice
      signal('cedar', 'invoice.issued', day(1, 13), { invoiceId: 'C-1', amount: 900, dueOn: date(30) }),
      command(north, 'cedar', 'termination.propose', day(2, 13), { reason: 'We cannot staff their schedule.' }),
      command(north, 'cedar', 'contract.review', day(3, 13), { terminationAllowed: true, looseEnds: [], paidWorkDelivered: true }),
    )).filter((r) => r.status === 'refused');
    expect(refused).toEqual([]);
    await product.catchUp();
  });

  afterAll(() => product?.close());

  describe('the portfolio board', () => {
    it('counts the team\'s relationships by state and phase, and no other team\'s', async () => {
      const board = await portfolioBoard(product.read, { teamId: 'team-north', ...paging });
      expect(board.counts.byState).toEqual({ healthy: 0, at_risk: 1, repair_attempt: 1, notice: 1, offboarded: 0 });
      expect(board.counts.byPhase).toEqual({ preparing: 1, served: 0 });
      expect(board.relationships.items.map((r) => r.relationshipId).sort()).toEqual(['acme', 'birch', 'cedar']);
    });

    it('shows risk, reasons, the last signal and who owns a running repair', async () => {
      const board = await portfolioBoard(product.read, { teamId: 'team-north', ...paging });
      const acme = board.relationships.items.find((r) => r.relationshipId === 'acme')!;
      expect(acme.topReasons.map((r) => r.code)).toContain('invoice_disputes');
      expect(acme.lastSignal).toMatchObject({ type: 'period.closed', source: 'test' });
      const birch = board.relationships.items.find((r) => r.relationshipId === 'birch')!;
      expect(birch).toMatchObject({ state: 'repair_attempt', repairOwner: 'u-ana', repair: { strategy: 'self_reflection' } });
    });

    it('filters the list by state, reason, repair owner and name', async () => {
      const ids = async (filter: Record<string, string>) =>
        (await listRelationships(product.read, { teamId: 'team-north', ...paging, ...filter })).items.map((r) => r.relationshipId);
      expect(await ids({ state: 'notice' })).toEqual(['cedar']);
      expect(await ids({ reason: 'dishonesty' })).toEqual(['birch']);
      expect(await ids({ owner: 'u-ana' })).toEqual(['birch']);
      expect(await ids({ q: 'CEDAR' })).toEqual(['cedar']);
      const page = await listRelationships(product.read, { teamId: 'team-north', page: 2, pageSize: 2 });
      expect({ total: page.total, count: page.items.length }).toEqual({ total: 3, count: 1 });
      const pastTheEnd = await atRiskQueue(product.read, { teamId: 'team-north', page: 9, pageSize: 1 });
      expect({ total: pastTheEnd.total, count: pastTheEnd.items.length }).toEqual({ total: 2, count: 0 });
    });
  });

  describe('the at-risk queue', () => {
    it('lists at_risk and repair_attempt, highest risk first, with reasons, signal ids and fitting repairs', async () => {
      const queue = await atRiskQueue(product.read, { teamId: 'team-north', ...paging });
      expect(queue.items.map((e) => e.relationshipId).sort()).toEqual(['acme', 'birch']);
      const scores = queue.items.map((e) => e.riskScore);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const acme = queue.items.find((e) => e.relationshipId === 'acme')!;
      expect(acme.reasons.find((r) => r.code === 'invoice_disputes')!.signalIds).toContain('acme-dispute');
      expect(acme.atRiskSince).toBe(day(1));
      expect(acme.suggestedStrategies.map((s) => s.strategy)).toContain('new_contract');
      const birch = queue.items.find((e) => e.relationshipId === 'birch')!;
      expect(birch.suggestedStrategies[0]!.strategy).toBe('self_reflection');
    });

    it('keeps earlier episodes once a repair succeeds', async () => {
      await product.feed(command(north, 'birch', 'repair.conclude', day(4, 12), { outcome: 'improved' }));
      await product.catchUp();
      const queue = await atRiskQueue(product.read, { teamId: 'team-north', ...paging });
      expect(queue.items.map((e) => e.relationshipId)).toEqual(['acme']);
      await product.feed(signal('birch', 'abuse.verbal', day(5, 12), {}, 'birch-verbal'));
      await product.catchUp();
      const again = (await atRiskQueue(product.read, { teamId: 'team-north', ...paging })).items.find((e) => e.relationshipId === 'birch')!;
      expect(again.earlierEpisodes).toEqual([{ startedAt: day(1, 12), endedAt: day(4, 12), endedIn: 'healthy', reasons: ['dishonesty'] }]);
    });
  });

  describe('the notice tracker', () => {
    it('shows cooling-off, then unpaid receivables, as what blocks serving notice', async () => {
      const entry = async () => (await noticeTracker(product.read, { teamId: 'team-north', ...paging })).items.find((e) => e.relationshipId === 'cedar')!;
      expect(await entry()).toMatchObject({ phase: 'preparing', terminationAllowed: true, blockedBy: 'cooling_off', openReceivables: [{ invoiceId: 'C-1', amount: 900 }] });
      await product.advanceTo(day(6, 13));
      expect((await entry()).blockedBy).toBe('receivables_outstanding');
    });

    it('follows the exit checklist once notice is served', async () => {
      await product.feed(
        signal('cedar', 'invoice.paid', day(7), { invoiceId: 'C-1', amount: 900, paidOn: date(7) }),
        command(north, 'cedar', 'notice.serve', day(7, 10), { reason: 'We cannot staff their schedule.', channel: 'video', noticeDays: 14 }),
        command(north, 'cedar', 'offboarding.complete_step', day(8), { step: 'thanked' }),
      );
      await product.catchUp();
      const cedar = (await noticeTracker(product.read, { teamId: 'team-north', ...paging })).items.find((e) => e.relationshipId === 'cedar')!;
      expect(cedar).toMatchObject({ phase: 'served', noticeEndsAt: expect.any(String), blockedBy: 'checklist_incomplete' });
      expect(cedar.checklist.done).toEqual(['thanked']);
      expect(cedar.checklist.open).toContain('referral_offered');
      expect(cedar.checklist.progress).toBeCloseTo(1 / 6);
    });
  });

  describe('the timeline', () => {
    it('shows every input, decision and refusal with who, reasons and the policy version', async () => {
      await product.feed(command(north, 'acme', 'notice.serve', day(9), { reason: 'x', channel: 'video' }));
      await product.catchUp();
      const timeline = await relationshipTimeline(product.read, { relationshipId: 'acme' });
      expect(timeline[0]).toMatchObject({ kind: 'event', type: 'RelationshipOpened', actor: { id: north.id, role: 'manager' }, policyVersion: expect.any(String) });
      const atRisk = timeline.find((e) => e.kind === 'event' && e.type === 'RelationshipMarkedAtRisk');
      expect(atRisk).toMatchObject({ reasons: [expect.objectContaining({ code: 'invoice_disputes' })] });
      expect(timeline.at(-1)).toMatchObject({ kind: 'refusal', refusal: { code: 'wrong_state' }, actorId: north.id });
      expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
    });

    it('records an admin override with who and why', async () => {
      await product.feed(
        command(north, 'dune-north', 'relationship.open', day(9), { clientName: 'Elm', teamId: 'team-north' }),
        command(north, 'dune-north', 'termination.propose', day(9, 10), { reason: 'no fit' }),
        command(admin('team-north'), 'dune-north', 'notice.serve', day(9, 11), { reason: 'no fit', channel: 'phone' }, { override: { reason: 'client asked to end now' } }),
      );
      await product.catchUp();
      const timeline = await relationshipTimeline(product.read, { relationshipId: 'dune-north' });
      const override = timeline.find((e) => e.kind === 'event' && e.type === 'GuardOverridden');
      expect(override).toMatchObject({ actor: { role: 'admin' } });
      expect(JSON.stringify(override)).toContain('client asked to end now');
    });

    it('shows a fact written at an older schema version as it reads today (upcast)', async () => {
      // Version 1 of RelationshipOpened copied the command's whole data, unknown fields too.
      const settings = { responseWindowHours: 48, monthlyBudgetHours: null, agreedHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', timeZone: 'UTC' }, contractNoticeDays: 30 };
      await product.store.append({
        streamId: 'old-fir', expectedVersion: 0, events: [{
          type: 'RelationshipOpened', relationshipId: 'old-fir', at: day(9, 12), policyVersion: 'policy-v1', schemaVersion: 1,
          causedBy: { kind: 'command', id: 'open-old-fir', type: 'relationship.open', at: day(9, 12), actor: { id: north.id, teamId: 'team-west', role: 'manager' } },
          data: { clientName: 'Fir', teamId: 'team-west', settings, note: 'copied from the command' },
        }],
      });
      await product.catchUp();
      const [opening] = await relationshipTimeline(product.read, { relationshipId: 'old-fir' });
      expect(opening).toMatchObject({ kind: 'event', type: 'RelationshipOpened', data: { clientName: 'Fir', teamId: 'team-west', settings } });
      expect(opening!.kind === 'event' && opening.data).not.toHaveProperty('note');
    });
  });

  describe('the Pareto report', () => {
    it('ranks clients by weighted trouble and by time over budget, with the top 20%\'s share', async () => {
      const report = await paretoReport(product.read, { teamId: 'team-north' });
      expect(report.clients).toBe(4);
      expect(report.byTrouble.topCount).toBe(1);
      expect(report.byTrouble.top[0]!.relationshipId).toBe('birch');
      expect(report.byTrouble.topShare).toBeGreaterThan(0.2);
      expect(report.byCost.top[0]).toMatchObject({ relationshipId: 'acme', overBudgetHours: 4, lostMoney: 500 });
      expect(report.byCost.topShare).toBe(1);
    });
  });

  describe('returning clients and exit lessons', () => {
    it('flags a new relationship with a client the team let go, with the reasons', async () => {
      await product.feed(
        ...['deliverables_completed', 'transition_plan', 'final_invoice_paid', 'referral_offered', 'contact_closed'].map((step, i) =>
          command(north, 'cedar', 'offboarding.complete_step', day(9, 10 + i), { step })),
      );
      await product.advanceTo(day(22));
      await product.feed(open(north, 'cedar-2', 'CEDAR & CO.', day(30)), open(south, 'cedar-south', 'Cedar & Co', day(30, 10)));
      await product.catchUp();
      const lessons = await exitLessons(product.read, { teamId: 'team-north' });
      expect(lessons.offboarded.map((e) => e.relationshipId)).toEqual(['cedar']);
      expect(lessons.offboarded[0]!.exit!.statedReasons).toContain('We cannot staff their schedule.');
      expect(lessons.returningClients).toEqual([expect.objectContaining({ relationshipId: 'cedar-2', earlierExits: [expect.objectContaining({ relationshipId: 'cedar' })] })]);
      expect((await exitLessons(product.read, { teamId: 'team-south' })).returningClients).toEqual([]);
      const board = await listRelationships(product.read, { teamId: 'team-north', q: 'cedar', ...paging });
      expect(board.items.map((r) => [r.relationshipId, r.returningClient])).toEqual([['cedar', false], ['cedar-2', true]]);
    });
  });

  describe('rebuilding', () => {
    it('gives identical rows from zero, whatever the batch size', async () => {
      const snapshot = async () => {
        const tables: Record<string, unknown[]> = {};
        for (const table of ['rm_relationship_state', 'rm_board', 'rm_at_risk', 'rm_notice', 'rm_timeline', 'rm_pareto', 'rm_client_history']) {
          tables[table] = (await product.db.query(`SELECT * FROM ${table} ORDER BY 1`)).rows;
        }
        return JSON.parse(JSON.stringify(tables)) as Record<string, unknown[]>;
      };
      await product.catchUp();
      const before = await snapshot();
      expect(before.rm_board!.length).toBeGreaterThan(4);
      await product.rebuild(1);
      expect(await snapshot()).toEqual(before);
      await product.rebuild(1000);
      expect(await snapshot()).toEqual(before);
    });
  });
});
