// The ids of every relationship of a team (a what-if replays their histories), from the board.
import { BOARD_TABLE } from '../projections/portfolio-board.projection';
import type { ReadContext } from './read-context';

export async function teamRelationshipIds({ sql }: ReadContext, query: { teamId: string }): Promise<string[]> {
  const { rows } = await sql.query<{ relationship_id: string }>(
    `SELECT relationship_id FROM ${BOARD_TABLE} WHERE team_id = $1 ORDER BY relationship_id`, [query.teamId],
  );
  return rows.map((r) => r.relationship_id);
}
