import type { Projection } from '../projection';
import { atRiskReadModel } from './at-risk-queue.projection';
import { clientHistoryProjection } from './client-history.projection';
import { noticeReadModel } from './notice-tracker.projection';
import { paretoProjection } from './pareto.projection';
import { boardReadModel } from './portfolio-board.projection';
import { relationshipViews } from './relationship-fold';
import { timelineProjection } from './timeline.projection';

export { normaliseClientName } from './client-name';
export { RELATIONSHIP_STATE_TABLE, RELATIONSHIP_VIEWS, relationshipViews, type FoldedReadModel } from './relationship-fold';
export { atRiskReadModel, clientHistoryProjection, noticeReadModel, paretoProjection, boardReadModel, timelineProjection };

/** The board, the at-risk queue and the notice tracker: one projection over the shared folded states. */
export const relationshipViewsProjection: Projection = relationshipViews([boardReadModel, atRiskReadModel, noticeReadModel]);

/** Every read model, each projection owning its tables; rebuildable from zero. */
export function allProjections(): Projection[] {
  return [relationshipViewsProjection, timelineProjection, paretoProjection, clientHistoryProjection];
}
