// Rule 20: who may do what. Viewers read only; nobody acts on another team's relationship.
import type { CommandInput } from '../inputs';
import type { Refusal } from '../model';

export function accessRefusal(command: CommandInput, relationshipTeamId: string): Refusal | null {
  if (command.actor.role === 'viewer') {
    return { code: 'forbidden', message: 'A viewer may read but not issue commands.', field: 'actor.role' };
  }
  if (command.actor.teamId !== relationshipTeamId) {
    return { code: 'forbidden', message: `Actor ${command.actor.id} is not in team ${relationshipTeamId}.`, field: 'actor.teamId' };
  }
  return null;
}

/** Rule 21: only an admin's override is honoured; a manager's is ignored. */
export const honouredOverride = (command: CommandInput): { reason: string } | null =>
  command.override && command.actor.role === 'admin' ? command.override : null;
