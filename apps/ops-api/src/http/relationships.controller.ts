// One relationship as it is now (strongly consistent, with its version as ETag), its timeline,
// and the team's relationships filtered.
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { accountOwnerOf, viewOf } from '@offramp/domain';
import { CLOCK } from '@offramp/platform';
import type { Clock } from '@offramp/runtime';
import type { Response } from 'express';
import { CurrentCaller } from '../auth/bearer-auth.guard';
import type { Caller } from '../auth/caller';
import { OpsRoute } from '../openapi/decorators';
import { RelationshipFilterQuery } from '../openapi/query-docs';
import { relationshipPageSchema, timelineSchema } from '@offramp/read-models';
import { relationshipSchema } from '../openapi/schemas';
import { ReadModelQuery } from '../queries/read-model.query';
import { parseQuery, relationshipFilter, relationshipId } from './query-params';
import { RelationshipAccess } from './relationship-access';

@Controller('v1/relationships')
export class RelationshipsController {
  constructor(private readonly queries: QueryBus, private readonly access: RelationshipAccess, @Inject(CLOCK) private readonly clock: Clock) {}

  @Get()
  @ApiOperation({ operationId: 'listRelationships', summary: 'The team\'s relationships, highest risk first, filtered and paged' })
  @RelationshipFilterQuery()
  @OpsRoute('relationships', { status: 200, description: 'A page of relationships.', schema: relationshipPageSchema }, 400)
  list(@Query() query: unknown, @CurrentCaller() caller: Caller) {
    return this.queries.execute(new ReadModelQuery('relationships', { ...parseQuery(relationshipFilter, query), teamId: caller.teamId }));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getRelationship', summary: 'One relationship now: state, phase, risk score, reasons and version (also the ETag)' })
  @OpsRoute('relationships', { status: 200, description: 'The relationship.', schema: relationshipSchema }, 404)
  async get(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response) {
    const { state, version } = await this.access.readable(parseQuery(relationshipId, id), caller);
    res.setHeader('ETag', `"${version}"`);
    return { ...viewOf(state, this.clock.now().getTime()), teamId: state.teamId, clientName: state.clientName, accountOwnerId: accountOwnerOf(state), version };
  }

  @Get(':id/timeline')
  @ApiOperation({ operationId: 'getRelationshipTimeline', summary: 'Every input, decision, refusal and override of one relationship, in order, with reasons and policy version' })
  @OpsRoute('relationships', { status: 200, description: 'The timeline.', schema: timelineSchema }, 404)
  async timeline(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    await this.access.readable(parseQuery(relationshipId, id), caller);
    return { relationshipId: id, entries: await this.queries.execute(new ReadModelQuery('timeline', { relationshipId: id })) };
  }
}
