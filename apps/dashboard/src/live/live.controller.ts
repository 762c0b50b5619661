// GET /v1/live: a Server-Sent Events stream of the ids of the caller's relationships that changed.
// Authenticated like every ops route, by `Authorization: Bearer <JWT>` (the page reads the stream
// with fetch, which can send it); a token in the URL is refused, since URLs are kept in logs.
import { Controller, Get, Inject, OnModuleDestroy, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Caller } from '@offramp/auth';
import type { Database } from '@offramp/event-store';
import { DATABASE, EVENT_STORE } from '@offramp/platform';
import type { EventStore } from '@offramp/runtime';
import { BearerAuthGuard, CurrentCaller } from '../../../ops-api/src/auth/bearer-auth.guard';
import { ErrorResponses } from '../../../ops-api/src/openapi/decorators';
import { ChangeFeed } from './change-feed';
import { readModelProgress } from './read-model-progress';

const HEARTBEAT_MS = 15_000;

@ApiTags('dashboard')
@Controller('v1/live')
export class LiveController implements OnModuleDestroy {
  private readonly feed: ChangeFeed;
  private readonly open = new Set<Response>();

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(DATABASE) database: Database) {
    this.feed = new ChangeFeed(store, readModelProgress(database));
  }

  @Get()
  @ApiOperation({ operationId: 'streamLiveChanges', summary: 'Live changes: `changed` events with `{ relationshipIds }` of the caller\'s team, as Server-Sent Events' })
  @ApiBearerAuth()
  @UseGuards(BearerAuthGuard)
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'A stream of `changed` events (`data: { "relationshipIds": [...] }`) and heartbeats.', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ErrorResponses(401)
  live(@CurrentCaller() caller: Caller, @Req() req: Request, @Res() res: Response): void {
    res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    // `retry`: how soon an SSE client should come back after a restart (the page waits as long).
    res.write(`retry: 1000\nevent: ready\ndata: ${JSON.stringify({ teamId: caller.teamId })}\n\n`);
    const unsubscribe = this.feed.subscribe(caller.teamId, (relationshipIds) => {
      res.write(`event: changed\ndata: ${JSON.stringify({ relationshipIds })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.open.add(res);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    req.on('close', close);
  }

  /** Open streams would hold the HTTP server open on shutdown. */
  onModuleDestroy(): void {
    this.feed.stop();
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
