// The team's policy: read it (everyone), draft it and run what-ifs (managers, admins), activate it
// (admins). The domain decides every change; this only carries it over HTTP.
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import {
  DEFAULT_POLICY, checkPolicyDocument, policyAccessRefusal, policyFromDocument, type PolicyAction, type Refusal,
} from '@offramp/domain';
import { CLOCK, POLICIES, requestTraceOf } from '@offramp/platform';
import type { Clock, PolicyChangeResult, TeamPolicies } from '@offramp/runtime';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/bearer-auth.guard';
import type { Caller } from '../auth/caller';
import { ApiError } from '../errors/api-error';
import { OpsRoute } from '../openapi/decorators';
import { ReadModelQuery } from '../queries/read-model.query';
import { activateBodySchema, openApiOf, policyDocumentOpenApi, teamPolicyViewSchema, whatIfBodySchema, whatIfJobSchema } from './policy-schemas';
import { teamPolicyView } from './policy-view';
import { WhatIfJobs } from './what-if-jobs';

const MERGE_PATCH = 'application/merge-patch+json';
const view = { status: 200, description: 'The team\'s policy: active version and document, draft, history, and every field\'s meaning and bounds.', schema: teamPolicyViewSchema };
const job = (status: number, description: string) => ({ status, description, schema: whatIfJobSchema });

/** The request's trace context, for the policy events it causes. */
const traced = (req: Request) => {
  const trace = requestTraceOf(req);
  return trace ? { trace } : {};
};
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parsed<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'body';
  throw new ApiError('invalid_command', `${field}: ${issue.message}`, field);
}

@Controller('v1/policy')
export class PolicyController {
  constructor(
    @Inject(POLICIES) private readonly policies: TeamPolicies,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queries: QueryBus,
    private readonly whatIfs: WhatIfJobs,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getTeamPolicy', summary: 'The team\'s policy: the active version and its whole document, the draft, the history of activations (who, why), and every field with its bounds' })
  @OpsRoute('policy', view)
  async get(@CurrentCaller() caller: Caller) {
    this.allow(caller, 'read');
    return teamPolicyView(await this.policies.state(caller.teamId));
  }

  @Put('draft')
  @ApiOperation({
    operationId: 'saveTeamPolicyDraft',
    summary: 'Save the team\'s draft',
    description: `A whole policy document (\`application/json\`), or a partial one as a JSON merge patch (RFC 7386, \`${MERGE_PATCH}\`) on the current draft (else the active policy). A document that breaks a bound is refused \`invalid_policy\` naming the field. Managers and admins.`,
  })
  @ApiBody({ schema: policyDocumentOpenApi() })
  @OpsRoute('policy', view, 400, 403)
  async draft(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @CurrentCaller() caller: Caller, @Req() req: Request) {
    this.allow(caller, 'draft');
    if (!isObject(body)) throw new ApiError('invalid_policy', 'the body must be a policy document (a JSON object)', 'document');
    const patch = (contentType ?? '').toLowerCase().startsWith(MERGE_PATCH);
    return this.answer(await this.policies.draft(caller.teamId, { id: randomUUID(), at: this.now(), actor: caller, document: body, patch }, traced(req)));
  }

  @Post('what-if')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'startPolicyWhatIf',
    summary: 'Replay the team\'s recorded history under a candidate policy and under the active one',
    description: 'Signals, commands and timers, in event time, from the event store, through the same engine on the in-memory store; the team\'s streams are never written. Answers 202 with a job; poll `GET /v1/policy/what-if/{id}` for its progress and, once `done`, the difference: relationships whose state, phase or reasons would differ now, with the moments each would have entered or left at_risk. Managers and admins.',
  })
  @ApiBody({ schema: openApiOf(whatIfBodySchema) })
  @OpsRoute('policy', job(202, 'The job, running.'), 400, 403, 409)
  async whatIf(@Body() body: unknown, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response) {
    this.allow(caller, 'what-if');
    const { document } = parsed(whatIfBodySchema, body);
    const state = await this.policies.state(caller.teamId);
    const candidate = document ?? state.draft?.document;
    if (!candidate) throw new ApiError('wrong_state', 'the team has no draft: send a document to try', 'document');
    const checked = checkPolicyDocument(candidate);
    if (!checked.ok) throw ApiError.fromRefusal(checked.refusal);
    const active = await this.policies.policyFor(caller.teamId);
    const ids = await this.queries.execute(new ReadModelQuery('teamRelationshipIds', { teamId: caller.teamId }));
    const started = this.whatIfs.start(caller.teamId, ids, active, policyFromDocument(checked.document, `${caller.teamId}/what-if`, DEFAULT_POLICY.version));
    res.setHeader('Location', `/v1/policy/what-if/${started.id}`);
    return started;
  }

  @Get('what-if/:id')
  @ApiOperation({ operationId: 'getPolicyWhatIf', summary: 'A what-if job: its status and progress, and once done the difference' })
  @OpsRoute('policy', job(200, 'The job.'), 403, 404)
  whatIfJob(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    this.allow(caller, 'what-if');
    const found = this.whatIfs.get(caller.teamId, id);
    if (!found) throw new ApiError('not_found', `no what-if ${id} for this team`, 'id');
    return found;
  }

  @Post('activate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'activateTeamPolicy',
    summary: 'Make the draft the team\'s policy',
    description: 'Admins only. `expectedVersion` is the active version the change was decided on; when another activation came first the answer is `version_conflict`. Decisions from then on record the new version; streams decided before replay unchanged.',
  })
  @ApiBody({ schema: openApiOf(activateBodySchema) })
  @OpsRoute('policy', view, 400, 403, 409)
  async activate(@Body() body: unknown, @CurrentCaller() caller: Caller, @Req() req: Request) {
    this.allow(caller, 'activate');
    const { reason, expectedVersion } = parsed(activateBodySchema, body);
    return this.answer(await this.policies.activate(caller.teamId, { id: randomUUID(), at: this.now(), actor: caller, reason, expectedVersion }, traced(req)));
  }

  private allow(caller: Caller, action: PolicyAction): void {
    const refusal: Refusal | null = policyAccessRefusal(caller, caller.teamId, action);
    if (refusal) throw ApiError.fromRefusal(refusal);
  }

  private answer(result: PolicyChangeResult) {
    if (result.status === 'refused') throw ApiError.fromRefusal(result.refusal);
    return teamPolicyView(result.state);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
