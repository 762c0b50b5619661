// A read model for tests of the projection machinery: how many events of each type were
// projected. Any double or missing application shows up as a wrong count.
import type { Sql } from '@offramp/event-store';
import type { Projection } from '@offramp/read-models';

export const EVENT_TYPE_COUNTS = 'test_event_type_counts';

export function eventTypeCounts(name = 'event-type-counts'): Projection {
  return {
    name,
    tables: [EVENT_TYPE_COUNTS],
    migrations: [{
      id: 'test/001_event_type_counts',
      sql: `CREATE TABLE ${EVENT_TYPE_COUNTS} (type text PRIMARY KEY, count integer NOT NULL)`,
    }],
    async apply(tx, events) {
      const perType = new Map<string, number>();
      for (const e of events) perType.set(e.type, (perType.get(e.type) ?? 0) + 1);
      await tx.query(
        `INSERT INTO ${EVENT_TYPE_COUNTS} (type, count)
         SELECT key, value::integer FROM jsonb_each_text($1::jsonb)
         ON CONFLICT (type) DO UPDATE SET count = ${EVENT_TYPE_COUNTS}.count + EXCLUDED.count`,
        [JSON.stringify(Object.fromEntries(perType))],
      );
    },
  };
}

export async function countsByType(sql: Sql): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ type: string; count: number }>(`SELECT type, count FROM ${EVENT_TYPE_COUNTS} ORDER BY type`);
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.count)]));
}
