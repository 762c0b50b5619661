// Reads go through the QueryBus as one query type naming a read model; one handler runs it with
// the database, the store's refusals and the clock.
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Database } from '@offramp/event-store';
import { CLOCK, DATABASE, EVENT_STORE } from '@offramp/platform';
import {
  atRiskQueue, exitLessons, listRelationships, noticeTracker, paretoReport, portfolioBoard, relationshipTimeline, teamRelationshipIds, today, type ReadContext,
} from '@offramp/read-models';
import type { Clock, EventStore } from '@offramp/runtime';

export const READ_MODELS = {
  board: portfolioBoard,
  relationships: listRelationships,
  atRisk: atRiskQueue,
  notice: noticeTracker,
  timeline: relationshipTimeline,
  pareto: paretoReport,
  exitLessons,
  today,
  teamRelationshipIds,
} as const;

type ReadModels = typeof READ_MODELS;
export type ReadModelName = keyof ReadModels;
export type ReadModelParams<N extends ReadModelName> = Parameters<ReadModels[N]>[1];
export type ReadModelResult<N extends ReadModelName> = Awaited<ReturnType<ReadModels[N]>>;

export class ReadModelQuery<N extends ReadModelName> extends Query<ReadModelResult<N>> {
  constructor(readonly readModel: N, readonly params: ReadModelParams<N>) {
    super();
  }
}

type AnyQuery = (context: ReadContext, params: unknown) => Promise<unknown>;

@QueryHandler(ReadModelQuery)
export class ReadModelQueryHandler implements IQueryHandler<ReadModelQuery<ReadModelName>> {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ readModel, params }: ReadModelQuery<ReadModelName>): Promise<ReadModelResult<ReadModelName>> {
    const run = READ_MODELS[readModel] as AnyQuery;
    return run({ sql: this.database, store: this.store, now: this.clock.now() }, params) as Promise<ReadModelResult<ReadModelName>>;
  }
}
