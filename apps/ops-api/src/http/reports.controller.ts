// The team's read models: board, at-risk queue, notice tracker, Pareto report, exit lessons.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { CurrentCaller } from '../auth/bearer-auth.guard';
import type { Caller } from '../auth/caller';
import { OpsRoute } from '../openapi/decorators';
import { PagingQuery, RelationshipFilterQuery } from '../openapi/query-docs';
import { atRiskPageSchema, exitLessonsSchema, noticePageSchema, paretoReportSchema, portfolioBoardSchema, todaySchema } from '@offramp/read-models';
import type { z } from 'zod';
import { ReadModelQuery } from '../queries/read-model.query';
import { paging, parseQuery, relationshipFilter, todayParams } from './query-params';

const ok = (description: string, schema: z.ZodType) => ({ status: 200, description, schema });

@Controller('v1')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('today')
  @ApiOperation({ operationId: 'getToday', summary: 'What needs someone today: repair reviews due, cooling-off ended, notice periods ending within 7 days, relationships turned at risk since `since`, open exit checklists; each with the action it needs and whether it is the caller\'s' })
  @ApiQuery({ name: 'since', required: false, schema: { type: 'string', format: 'date-time' }, description: 'When the caller last looked (default: a day ago).' })
  @OpsRoute('read models', ok('Today\'s items, most overdue first.', todaySchema), 400)
  today(@Query() query: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('today', { ...parseQuery(todayParams, query), teamId: caller.teamId, personId: caller.id }));
  }

  @Get('board')
  @ApiOperation({ operationId: 'getBoard', summary: 'Portfolio board: counts by state and phase, and every relationship with risk trend, top reasons, last signal and repair owner' })
  @RelationshipFilterQuery()
  @OpsRoute('read models', ok('The board.', portfolioBoardSchema), 400)
  board(@Query() query: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('board', { ...parseQuery(relationshipFilter, query), teamId: caller.teamId }));
  }

  @Get('at-risk')
  @ApiOperation({ operationId: 'getAtRiskQueue', summary: 'At-risk queue: at_risk and repair_attempt, highest risk first, with reasons, time at risk, earlier episodes and suggested repairs' })
  @PagingQuery()
  @OpsRoute('read models', ok('A page of the queue.', atRiskPageSchema), 400)
  atRisk(@Query() query: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('atRisk', { ...parseQuery(paging, query), teamId: caller.teamId }));
  }

  @Get('notice')
  @ApiOperation({ operationId: 'getNoticeTracker', summary: 'Notice tracker: cooling-off end, contract review, open receivables, notice end, checklist progress and the guard that blocks the next step' })
  @PagingQuery()
  @OpsRoute('read models', ok('A page of relationships in notice.', noticePageSchema), 400)
  notice(@Query() query: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('notice', { ...parseQuery(paging, query), teamId: caller.teamId }));
  }

  @Get('pareto')
  @ApiOperation({ operationId: 'getParetoReport', summary: 'Pareto report: clients ranked by weighted warning signs and by time over budget, and the share the top 20% cause' })
  @OpsRoute('read models', ok('The report.', paretoReportSchema))
  pareto(@CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('pareto', { teamId: caller.teamId }));
  }

  @Get('exit-lessons')
  @ApiOperation({ operationId: 'getExitLessons', summary: 'Exit lessons: warning signs that preceded exits, and returning clients with the reasons they were let go' })
  @OpsRoute('read models', ok('The lessons.', exitLessonsSchema))
  exitLessons(@CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('exitLessons', { teamId: caller.teamId }));
  }
}
