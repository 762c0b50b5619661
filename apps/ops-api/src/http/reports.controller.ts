// The team's read models: board, at-risk queue, notice tracker, Pareto report, exit lessons.
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { CurrentCaller } from '../auth/bearer-auth.guard';
import type { Caller } from '../auth/caller';
import { OpsRoute } from '../openapi/decorators';
import { PagingQuery, RelationshipFilterQuery } from '../openapi/query-docs';
import { atRiskPageSchema, boardSchema, exitLessonsSchema, noticePageSchema, paretoSchema } from '../openapi/read-model-schemas';
import type { SchemaObject } from '@nestjs/swagger';
import { ReadModelQuery } from '../queries/read-model.query';
import { paging, parseQuery, relationshipFilter, todayParams } from './query-params';
import { todaySchema } from '@offramp/read-models';
import { z } from 'zod';

const ok = (description: string, schema: SchemaObject) => ({ status: 200, description, schema });

@Controller('v1')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('today')
  @ApiOperation({ summary: 'What needs someone today: repair reviews due, cooling-off ended, notice periods ending within 7 days, relationships turned at risk since `since`, open exit checklists; each with the action it needs and whether it is the caller\'s' })
  @ApiQuery({ name: 'since', required: false, schema: { type: 'string', format: 'date-time' }, description: 'When the caller last looked (default: a day ago).' })
  @OpsRoute('read models', ok('Today\'s items, most overdue first.', z.toJSONSchema(todaySchema) as SchemaObject), 400)
  today(@Query() query: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('today', { ...parseQuery(todayParams, query), teamId: caller.teamId, personId: caller.id }));
  }

  @Get('board')
  @ApiOperation({ summary: 'Portfolio board: counts by state and phase, and every relationship with risk trend, top reasons, last signal and repair owner' })
  @RelationshipFilterQuery()
  @OpsRoute('read models', ok('The board.', boardSchema), 400)
  board(@Query() query: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('board', { ...parseQuery(relationshipFilter, query), teamId: caller.teamId }));
  }

  @Get('at-risk')
  @ApiOperation({ summary: 'At-risk queue: at_risk and repair_attempt, highest risk first, with reasons, time at risk, earlier episodes and suggested repairs' })
  @PagingQuery()
  @OpsRoute('read models', ok('A page of the queue.', atRiskPageSchema), 400)
  atRisk(@Query() query: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('atRisk', { ...parseQuery(paging, query), teamId: caller.teamId }));
  }

  @Get('notice')
  @ApiOperation({ summary: 'Notice tracker: cooling-off end, contract review, open receivables, notice end, checklist progress and the guard that blocks the next step' })
  @PagingQuery()
  @OpsRoute('read models', ok('A page of relationships in notice.', noticePageSchema), 400)
  notice(@Query() query: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('notice', { ...parseQuery(paging, query), teamId: caller.teamId }));
  }

  @Get('pareto')
  @ApiOperation({ summary: 'Pareto report: clients ranked by weighted warning signs and by time over budget, and the share the top 20% cause' })
  @OpsRoute('read models', ok('The report.', paretoSchema))
  pareto(@CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('pareto', { teamId: caller.teamId }));
  }

  @Get('exit-lessons')
  @ApiOperation({ summary: 'Exit lessons: warning signs that preceded exits, and returning clients with the reasons they were let go' })
  @OpsRoute('read models', ok('The lessons.', exitLessonsSchema))
  exitLessons(@CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('exitLessons', { teamId: caller.teamId }));
  }
}
