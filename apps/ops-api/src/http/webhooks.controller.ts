// The team's webhook subscriptions: list, subscribe, unsubscribe, the delivery log, a test
// delivery. Admins manage them (they send the team's data elsewhere); everyone in the team reads.
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, type SchemaObject } from '@nestjs/swagger';
import type { Database } from '@offramp/event-store';
import {
  WebhookDispatcher, webhookDelivery, webhookSubscription, webhookSubscriptionInput, WebhookSubscriptions,
} from '@offramp/notifications';
import { DATABASE } from '@offramp/platform';
import { z } from 'zod';
import { CurrentCaller } from '../auth/bearer-auth.guard';
import type { Caller } from '../auth/caller';
import { ApiError } from '../errors/api-error';
import { OpsRoute } from '../openapi/decorators';

const schemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(schema, { io }) as SchemaObject;
const ok = (description: string, schema: z.ZodType, status = 200) => ({ status, description, schema: schemaOf(schema) });
const created = webhookSubscription.extend({ secret: z.string().describe('Signs every delivery (README, "Webhooks"). Shown only here.') });

function adminOnly(caller: Caller): void {
  if (caller.role !== 'admin') throw new ApiError('forbidden', 'only an admin manages webhook subscriptions');
}

@Controller('v1/webhooks')
export class WebhooksController {
  private readonly subscriptions: WebhookSubscriptions;
  private readonly dispatcher: WebhookDispatcher;

  constructor(@Inject(DATABASE) database: Database) {
    this.subscriptions = new WebhookSubscriptions(database);
    this.dispatcher = new WebhookDispatcher({ db: database });
  }

  @Get()
  @ApiOperation({ summary: 'The team\'s webhook subscriptions (without their secrets)' })
  @OpsRoute('webhooks', ok('The subscriptions.', z.object({ subscriptions: z.array(webhookSubscription) })))
  async list(@CurrentCaller() caller: Caller) {
    return { subscriptions: await this.subscriptions.list(caller.teamId) };
  }

  @Post()
  @ApiOperation({ summary: 'Subscribe a URL to the team\'s events', description: 'Every event of the team\'s relationships (or of `eventTypes`) from now on, signed, retried with exponential back-off, in order. `format: "slack"` sends a Slack-compatible `{ text }` summary.' })
  @ApiBody({ schema: schemaOf(webhookSubscriptionInput, 'input') })
  @OpsRoute('webhooks', ok('Subscribed; the secret is shown only in this answer.', created, 201), 400, 403)
  async create(@Body() body: unknown, @CurrentCaller() caller: Caller) {
    adminOnly(caller);
    const parsed = webhookSubscriptionInput.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.map(String).join('.') || 'body';
      throw new ApiError('invalid_request', `${field}: ${issue.message}`, field);
    }
    return this.subscriptions.create(caller.teamId, caller.id, parsed.data);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Unsubscribe: nothing more is sent, the delivery log goes with it' })
  @OpsRoute('webhooks', ok('Removed.', z.object({ removed: z.string() })), 403, 404)
  async remove(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    adminOnly(caller);
    if (!(await this.subscriptions.remove(caller.teamId, id))) throw notFound(id);
    return { removed: id };
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log of one subscription, newest first: status, attempts, the last answer or error' })
  @OpsRoute('webhooks', ok('The latest deliveries.', z.object({ deliveries: z.array(webhookDelivery) })), 404)
  async deliveries(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    if (!(await this.subscriptions.find(caller.teamId, id))) throw notFound(id);
    return { deliveries: await this.subscriptions.deliveries(caller.teamId, id) };
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test delivery now, once, signed like the others; answers with what the receiver said' })
  @OpsRoute('webhooks', ok('What happened.', z.object({ ok: z.boolean(), statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number(), deliveryId: z.string() })), 403, 404)
  async test(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    adminOnly(caller);
    const subscription = await this.subscriptions.find(caller.teamId, id);
    if (!subscription) throw notFound(id);
    const text = `offramp test delivery for ${caller.teamId}, sent by ${caller.id}`;
    const body = subscription.format === 'slack' ? JSON.stringify({ text }) : JSON.stringify({ type: 'offramp.webhook.test', teamId: caller.teamId, text });
    return this.dispatcher.sendTest(id, body);
  }
}

const notFound = (id: string) => new ApiError('not_found', `no webhook subscription ${id} in this team`, 'id');
