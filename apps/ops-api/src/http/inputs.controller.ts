// Writes: commands from people (the actor is the caller) and signals from integrations.
import { Body, Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation } from '@nestjs/swagger';
import { parseInput } from '@offramp/domain';
import { withTraceContext, type TraceContext } from '@offramp/messaging';
import { requestTraceOf } from '@offramp/platform';
import type { Request, Response } from 'express';
import { CurrentCaller } from '../auth/bearer-auth.guard';
import { canWrite, type Caller } from '../auth/caller';
import { SubmitInputs } from '../commands/submit-input';
import { ApiError } from '../errors/api-error';
import { ApiMetrics } from '../metrics/api-metrics';
import { OpsRoute } from '../openapi/decorators';
import { commandBodyExamples, signalBodyExamples } from '../openapi/examples';
import { batchOutcomeSchema, outcomeSchema, schemaRef, signalBodySchema } from '../openapi/schemas';
import { commandBodySchema } from '@offramp/domain';
import { expectedVersionOf, isRecord, itemOutcomeOf, outcomeOf } from './presenters';
import { RelationshipAccess } from './relationship-access';

const MAX_SIGNALS = 1000;

/** Policy rules 20 and 23: shape comes first, so a malformed signal goes to the engine, which refuses it naming the field, whoever sent it. */
const wellFormed = (raw: unknown): boolean => parseInput(raw).ok;
const accepted = { status: 202, description: 'Decided: the resulting events (none for a duplicate), and the relationship as it is now.', schema: outcomeSchema };

@Controller('v1')
export class InputsController {
  constructor(private readonly commands: CommandBus, private readonly access: RelationshipAccess, private readonly metrics: ApiMetrics) {}

  @Post('commands')
  @HttpCode(202)
  @ApiOperation({ operationId: 'sendCommand', summary: 'Send a command', description: 'The contract\'s command envelope without `actor`: the actor is the caller. `If-Match` (or `expectedVersion`) makes it conditional on the relationship\'s version.' })
  @ApiBody({ schema: schemaRef(commandBodySchema), examples: commandBodyExamples() })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The relationship version the command was decided on.' })
  @OpsRoute('inputs', accepted, 400, 403, 404, 409, 413)
  async command(
    @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @CurrentCaller() caller: Caller,
    @Req() req: Request, @Res({ passthrough: true }) res: Response,
  ) {
    if (!isRecord(body)) throw new ApiError('invalid_command', 'the body must be one command envelope (a JSON object)', 'body');
    const expectedVersion = expectedVersionOf(ifMatch, body);
    // Authorization before the version: a version conflict would tell another team the version.
    if (expectedVersion !== undefined) {
      if (!canWrite(caller)) throw new ApiError('forbidden', 'viewers may only read');
      if (await this.access.isForeign(body.relationshipId, caller)) throw new ApiError('forbidden', `relationship ${String(body.relationshipId)} belongs to another team`, 'relationshipId');
    }
    const { expectedVersion: _, ...envelope } = body;
    const raw = withTraceContext({ ...envelope, kind: 'command', actor: caller }, requestTraceOf(req));
    const [result] = await this.commands.execute(new SubmitInputs('command', [raw], expectedVersion));
    const outcome = outcomeOf(result!);
    if (outcome.status === 'accepted') res.setHeader('ETag', `"${outcome.version}"`);
    return outcome;
  }

  @Post('signals')
  @HttpCode(202)
  @ApiOperation({ operationId: 'sendSignals', summary: 'Send one signal or an array of them', description: 'The same path as signals on Kafka. One envelope answers like a command; an array answers 202 with one result per signal, in order.' })
  @ApiBody({ schema: schemaRef(signalBodySchema), examples: signalBodyExamples() })
  @OpsRoute('inputs', { ...accepted, schema: { oneOf: [schemaRef(outcomeSchema), schemaRef(batchOutcomeSchema)] } }, 400, 403, 404, 409, 413)
  async signals(@Body() body: unknown, @CurrentCaller() caller: Caller, @Req() req: Request) {
    const trace = requestTraceOf(req);
    if (isRecord(body)) {
      const raw = withTraceContext({ ...body, kind: 'signal' }, trace);
      const refusal = wellFormed(raw) ? await this.accessRefusal(raw, caller) : null;
      if (refusal) throw new ApiError('forbidden', refusal.message, refusal.field);
      const [result] = await this.commands.execute(new SubmitInputs('signal', [raw]));
      return outcomeOf(result!);
    }
    if (!Array.isArray(body)) throw new ApiError('invalid_signal', 'the body must be a signal envelope or an array of them', 'body');
    if (body.length === 0 || body.length > MAX_SIGNALS) throw new ApiError('invalid_signal', `send between 1 and ${MAX_SIGNALS} signals at once`, 'body');
    return { results: await this.submitBatch(body, caller, trace) };
  }

  /** Who may send this well-formed signal: not a viewer, nobody for another team's relationship. */
  private async accessRefusal(raw: Record<string, unknown>, caller: Caller): Promise<{ message: string; field?: string } | null> {
    if (!canWrite(caller)) return { message: 'viewers may only read' };
    if (await this.access.isForeign(raw.relationshipId, caller)) return { message: `relationship ${String(raw.relationshipId)} belongs to another team`, field: 'relationshipId' };
    return null;
  }

  /** Well-formed signals for another team's relationships are refused one by one; the rest go to the engine together. */
  private async submitBatch(body: unknown[], caller: Caller, trace: TraceContext | undefined) {
    const raws = body.map((item) => (isRecord(item) ? withTraceContext({ ...item, kind: 'signal' }, trace) : item));
    const refusals = await Promise.all(raws.map((raw) => (isRecord(raw) && wellFormed(raw) ? this.accessRefusal(raw, caller) : null)));
    const allowed = raws.flatMap((raw, index) => (refusals[index] ? [] : [{ index, raw }]));
    const results = allowed.length > 0 ? await this.commands.execute(new SubmitInputs('signal', allowed.map((a) => a.raw))) : [];
    const byIndex = new Map(allowed.map((a, i) => [a.index, results[i]!]));
    return body.map((_, index) => {
      const denied = refusals[index];
      const result = byIndex.get(index) ?? { status: 'refused' as const, refusal: { code: 'forbidden' as const, message: denied?.message ?? 'forbidden', ...(denied?.field ? { field: denied.field } : {}) } };
      if (!byIndex.has(index)) this.metrics.count('signal', result);
      return itemOutcomeOf(result, index);
    });
  }
}
