// GET /v1/live: a Server-Sent Events stream of the ids of the caller's relationships that changed.
// EventSource cannot set headers, so the bearer token may come as `?token=`; the header works too.
import { Controller, Get, Inject, OnModuleDestroy, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '@offramp/config';
import type { Database } from '@offramp/event-store';
import { CONFIG, DATABASE, EVENT_STORE } from '@offramp/platform';
import type { EventStore } from '@offramp/runtime';
import { verifyToken } from '@offramp/auth';
import { resolveJwtSecret } from '../../../ops-api/src/auth/jwt-secret';
import { ErrorResponses } from '../../../ops-api/src/openapi/decorators';
import { ChangeFeed } from './change-feed';
import { readModelProgress } from './read-model-progress';

const HEARTBEAT_MS = 15_000;

@ApiTags('dashboard')
@Controller('v1/live')
export class LiveController implements OnModuleDestroy {
  private readonly secret: string;
  private readonly feed: ChangeFeed;
  private readonly open = new Set<Response>();

  constructor(@Inject(CONFIG) config: AppConfig, @Inject(EVENT_STORE) store: EventStore, @Inject(DATABASE) database: Database) {
    this.secret = resolveJwtSecret(config);
    this.feed = new ChangeFeed(store, readModelProgress(database));
  }

  @Get()
  @ApiOperation({ operationId: 'streamLiveChanges', summary: 'Live changes: `changed` events with `{ relationshipIds }` of the caller\'s team, as Server-Sent Events' })
  @ApiBearerAuth()
  @ApiQuery({ name: 'token', required: false, description: 'the bearer token, for clients that cannot set headers (EventSource)' })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'A stream of `changed` events (`data: { "relationshipIds": [...] }`) and heartbeats.', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ErrorResponses(401)
  live(@Query('token') queryToken: string | undefined, @Req() req: Request, @Res() res: Response): void {
    const [scheme, headerToken] = (req.headers.authorization ?? '').split(' ');
    const token = scheme?.toLowerCase() === 'bearer' && headerToken ? headerToken : queryToken;
    const caller = token ? verifyToken(token, this.secret) : null;
    if (!caller) {
      res.status(401).json({ code: 'unauthorized', message: 'a valid bearer token is required' });
      return;
    }
    res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    // `retry` makes the browser come back quickly after a restart.
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
