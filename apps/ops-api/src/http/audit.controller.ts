// The team's audit log, for its admins: what its members sent that was refused for a relationship
// of another team or one that does not exist. Such refusals are kept here, never on a timeline.
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { adminRefusalOf } from '@offramp/auth';
import { EVENT_STORE } from '@offramp/platform';
import type { EventStore } from '@offramp/runtime';
import { z } from 'zod';
import { CurrentCaller } from '../auth/bearer-auth.guard';
import type { Caller } from '../auth/caller';
import { ApiError } from '../errors/api-error';
import { OpsRoute } from '../openapi/decorators';

const MAX_ENTRIES = 500;

const auditEntrySchema = z.object({
  position: z.number().int(),
  recordedAt: z.string().meta({ format: 'date-time' }),
  at: z.string().meta({ format: 'date-time' }).describe('When the input was issued.'),
  relationshipId: z.string(),
  inputKind: z.enum(['signal', 'command', 'timer']),
  inputId: z.string(),
  inputType: z.string(),
  actorId: z.string().nullable(),
  code: z.string().describe('Why it was refused (`forbidden`, `not_found`).'),
  message: z.string(),
  field: z.string().nullable(),
}).meta({ id: 'AuditEntry', description: 'An input of a team member refused for another team\'s or an unknown relationship.' });
const auditLogSchema = z.object({ entries: z.array(auditEntrySchema) }).meta({ id: 'AuditLog', description: 'The team\'s audit log, newest first.' });
type AuditLog = z.infer<typeof auditLogSchema>;

@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ operationId: 'listAuditEntries', summary: 'The team\'s audit log (admins): its members\' inputs refused for other teams\' or unknown relationships, newest first' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_ENTRIES, default: 100 }, description: 'How many of the newest entries.' })
  @OpsRoute('audit', { status: 200, description: 'The newest entries (`limit`, at most 500).', schema: auditLogSchema }, 400, 403)
  async list(@CurrentCaller() caller: Caller, @Query('limit') limit?: string): Promise<AuditLog> {
    const refusal = adminRefusalOf(caller, 'reads the team\'s audit log');
    if (refusal) throw ApiError.fromRefusal(refusal);
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_ENTRIES) throw new ApiError('invalid_query', `limit must be a whole number from 1 to ${MAX_ENTRIES}`, 'limit');
    const entries = await this.store.readTeamAudit(caller.teamId, n);
    return {
      entries: entries.map((r) => ({
        position: r.position, recordedAt: r.recordedAt, at: r.at, relationshipId: r.relationshipId, inputKind: r.inputKind,
        inputId: r.inputId, inputType: r.inputType, actorId: r.actorId ?? null, code: r.refusal.code, message: r.refusal.message, field: r.refusal.field ?? null,
      })),
    };
  }
}
