// Team scoping for everything addressed by relationship id. Reads of another team's relationship
// answer 404 exactly like a missing one, so ids do not leak (policy rule 20 makes writes `forbidden`).
import { Inject, Injectable } from '@nestjs/common';
import { ENGINE } from '@offramp/platform';
import type { RelationshipEngine } from '@offramp/runtime';
import type { Caller } from '../auth/caller';
import { ApiError } from '../errors/api-error';

@Injectable()
export class RelationshipAccess {
  constructor(@Inject(ENGINE) private readonly engine: RelationshipEngine) {}

  /** The relationship's current state and version, when the caller's team owns it. */
  async readable(relationshipId: string, caller: Caller) {
    const current = await this.engine.state(relationshipId);
    if (!current || current.state.teamId !== caller.teamId) throw new ApiError('not_found', `no relationship ${relationshipId} in team ${caller.teamId}`);
    return current;
  }

  /** Whether a write to this relationship would cross teams (unknown ids are left to the engine: `not_found`). */
  async isForeign(relationshipId: unknown, caller: Caller): Promise<boolean> {
    if (typeof relationshipId !== 'string') return false;
    const teamId = await this.engine.teamOf(relationshipId);
    return teamId !== null && teamId !== caller.teamId;
  }
}
