// Upgrading a store whose board, at-risk queue and notice tracker each kept the folded states in
// their own table under their own checkpoint: the states move into the one shared table, and the
// three carry on as one projection from where they stood; where they stood apart, they are
// emptied and rebuilt from zero together. Either way every read model answers as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@offramp/event-store';
import { allProjections, RELATIONSHIP_VIEWS } from '@offramp/read-models';
import { command, date, day, manager, open, signal } from './builders';
import { startTestProduct, type Engine, type TestProduct } from './product';

const OLD_NAMES = ['portfolio-board', 'at-risk-queue', 'notice-tracker'];
const TABLES = ['rm_relationship_state', 'rm_board', 'rm_at_risk', 'rm_notice'];

for (const engine of ['postgres', 'pglite'] as Engine[]) describe(`moving the folded states into one table, on ${engine}`, () => {
  const north = manager('team-north');
  let product: TestProduct;

  const rows = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const table of TABLES) tables[table] = (await product.db.query(`SELECT * FROM ${table} ORDER BY 1`)).rows;
    return JSON.parse(JSON.stringify(tables)) as Record<string, unknown[]>;
  };
  const checkpointOf = async (name: string) =>
    (await product.db.query<{ checkpoint: string | null }>('SELECT checkpoint FROM projection_checkpoints WHERE name = $1', [name])).rows[0]?.checkpoint;

  /** The schema as it stood before: a folded column in each of the three tables, a checkpoint each, no shared table. */
  const asBefore = async (checkpoints: (current: string | null) => Array<string | null>) => {
    const current = (await checkpointOf(RELATIONSHIP_VIEWS)) ?? null;
    for (const table of ['rm_board', 'rm_at_risk', 'rm_notice']) {
      await product.db.query(`ALTER TABLE ${table} ADD COLUMN folded jsonb`);
      await product.db.query(`UPDATE ${table} t SET folded = s.folded FROM rm_relationship_state s WHERE s.relationship_id = t.relationship_id`);
    }
    await product.db.query('DROP TABLE rm_relationship_state');
    await product.db.query("DELETE FROM schema_migrations WHERE id = 'read-models/070_relationship_state'");
    await product.db.query('DELETE FROM projection_checkpoints WHERE name = $1', [RELATIONSHIP_VIEWS]);
    for (const [i, checkpoint] of checkpoints(current).entries()) {
      await product.db.query('INSERT INTO projection_checkpoints (name, checkpoint) VALUES ($1, $2)', [OLD_NAMES[i], checkpoint]);
    }
  };

  beforeAll(async () => {
    product = await startTestProduct('shared_state', engine);
    await product.feed(
      open(north, 'acme', 'Acme AB', day(0)),
      open(north, 'birch', 'Birch Studio', day(0, 10)),
      signal('acme', 'invoice.disputed', day(1), { invoiceId: 'A-1', reason: 'wants a discount' }, 'acme-dispute'),
      signal('birch', 'dishonesty.detected', day(1, 12), { description: 'invented a sign-off' }, 'birch-lie'),
      command(north, 'birch', 'repair.start', day(2, 12), { strategy: 'self_reflection', ownerId: 'u-ana', reviewOn: date(20) }),
    );
    await product.catchUp();
  });
  afterAll(() => product?.close());

  it('carries on from the checkpoint the three shared, with every row as it was', async () => {
    const before = await rows();
    const checkpoint = await checkpointOf(RELATIONSHIP_VIEWS);
    expect(before.rm_relationship_state).toHaveLength(2);
    await asBefore((current) => [current, current, current]);

    await migrate(product.db, ...allProjections().map((p) => p.migrations));

    expect(await rows()).toEqual(before);
    expect(await checkpointOf(RELATIONSHIP_VIEWS)).toBe(checkpoint);
    for (const name of OLD_NAMES) expect(await checkpointOf(name)).toBeUndefined();
  });

  it('empties the three and rebuilds them together when they stood at different places', async () => {
    const before = await rows();
    await asBefore((current) => [current, null, current]);

    await migrate(product.db, ...allProjections().map((p) => p.migrations));
    for (const table of TABLES) expect((await product.db.query(`SELECT 1 FROM ${table}`)).rows).toEqual([]);
    expect(await checkpointOf(RELATIONSHIP_VIEWS)).toBeUndefined();

    await product.rebuild(2);
    expect(await rows()).toEqual(before);
  });
});
