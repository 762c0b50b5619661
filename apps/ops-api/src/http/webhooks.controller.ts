// The team's webhook subscriptions: list, subscribe, unsubscribe, the delivery log, a test
// delivery. Admins manage them (they send the team's data elsewhere); everyone in the team reads.
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, type SchemaObject } from '@nestjs/swagger';
import type { Database } from '@offramp/event-store';
import {
  WebhookDispatcher, webhookDelivery, webhookSubscription, webhookSubscriptionInput, WebhookSubscriptions,
} from '@offramp/notifications';
import { adminRefusalOf } from '@offramp/auth';
import { DATABASE } from '@offramp/platform';
import { z } from 'zod';
import { CurrentCaller } from '../auth/bearer-auth.guard';
import type { Caller } from '../auth/caller';
import { ApiError } from '../errors/api-error';
import { OpsRoute } from '../openapi/decorators';

const inputSchemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' }) as SchemaObject;
const ok = (description: string, schema: z.ZodType, status = 200) => ({ status, description, schema });

// The answers, named so that clients (the dashboard among them) read them by name.
const subscriptionList = z.object({ subscriptions: z.array(webhookSubscription) })
  .meta({ id: 'WebhookSubscriptionList', description: 'The team\'s webhook subscriptions, without their secrets.' });
const created = webhookSubscription.extend({ secret: z.string().describe('Signs every delivery (README, "Webhooks"). Shown only here.') })
  .meta({ id: 'CreatedWebhookSubscription', description: 'A new subscription, with the secret that signs its deliveries.' });
const removed = z.object({ removed: z.string() }).meta({ id: 'RemovedWebhookSubscription', description: 'The id of the subscription removed.' });
const deliveryLog = z.object({ deliveries: z.array(webhookDelivery) }).meta({ id: 'WebhookDeliveryLog', description: 'The latest deliveries of one subscription, newest first.' });
const testOutcome = z.object({ ok: z.boolean(), statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number(), deliveryId: z.string() })
  .meta({ id: 'WebhookTestOutcome', description: 'What the receiver answered to a test delivery.' });

function adminOnly(caller: Caller): void {
  const refusal = adminRefusalOf(caller, 'manages webhook subscriptions');
  if (refusal) throw ApiError.fromRefusal(refusal);
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
  @ApiOperation({ operationId: 'listWebhooks', summary: 'The team\'s webhook subscriptions (without their secrets)' })
  @OpsRoute('webhooks', ok('The subscriptions.', subscriptionList))
  async list(@CurrentCaller() caller: Caller) {
    return { subscriptions: await this.subscriptions.list(caller.teamId) };
  }

  @Post()
  @ApiOperation({ operationId: 'createWebhook', summary: 'Subscribe a URL to the team\'s events', description: 'Every event of the team\'s relationships (or of `eventTypes`) from now on, signed, retried with exponential back-off, in order. `format: "slack"` sends a Slack-compatible `{ text }` summary.' })
  @ApiBody({ schema: inputSchemaOf(webhookSubscriptionInput) })
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
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Unsubscribe: nothing more is sent, the delivery log goes with it' })
  @OpsRoute('webhooks', ok('Removed.', removed), 403, 404)
  async remove(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    adminOnly(caller);
    if (!(await this.subscriptions.remove(caller.teamId, id))) throw notFound(id);
    return { removed: id };
  }

  @Get(':id/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: 'The delivery log of one subscription, newest first: status, attempts, the last answer or error' })
  @OpsRoute('webhooks', ok('The latest deliveries.', deliveryLog), 404)
  async deliveries(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    if (!(await this.subscriptions.find(caller.teamId, id))) throw notFound(id);
    return { deliveries: await this.subscriptions.deliveries(caller.teamId, id) };
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ operationId: 'testWebhook', summary: 'Send a test delivery now, once, signed like the others; answers with what the receiver said' })
  @OpsRoute('webhooks', ok('What happened.', testOutcome), 403, 404)
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
