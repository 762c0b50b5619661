import type { Projection } from '../projection';
import { atRiskQueueProjection } from './at-risk-queue.projection';
import { clientHistoryProjection } from './client-history.projection';
import { noticeTrackerProjection } from './notice-tracker.projection';
import { paretoProjection } from './pareto.projection';
import { portfolioBoardProjection } from './portfolio-board.projection';
import { timelineProjection } from './timeline.projection';

export { normaliseClientName } from './client-name';
export { atRiskQueueProjection, clientHistoryProjection, noticeTrackerProjection, paretoProjection, portfolioBoardProjection, timelineProjection };

/** Every read model, each owning its tables; rebuildable from zero. */
export function allProjections(): Projection[] {
  return [portfolioBoardProjection, atRiskQueueProjection, noticeTrackerProjection, timelineProjection, paretoProjection, clientHistoryProjection];
}
