// Sends one command about one relationship, with the version the page showed (If-Match), so a
// change by someone else meanwhile comes back as `version_conflict` instead of being overwritten.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useHttp } from './api-context';
import type { ApiFailure } from './http';
import { keys } from './queries';
import type { CommandType, InputOutcome, Relationship } from './shapes';

/** What a form gives: the page adds the id, the relationship, the time and the version. */
export interface CommandRequest {
  type: CommandType;
  data: Record<string, unknown>;
  override?: { reason: string };
}

export function useCommand(relationshipId: string, etag: string | undefined) {
  const http = useHttp();
  const client = useQueryClient();
  return useMutation<InputOutcome, ApiFailure, CommandRequest>({
    mutationFn: ({ type, data, override }) =>
      http.post<InputOutcome>(
        '/v1/commands',
        { id: crypto.randomUUID(), type, relationshipId, issuedAt: new Date().toISOString(), data, ...(override ? { override } : {}) },
        etag ? { 'If-Match': etag } : {},
      ),
    // The answer carries the new version: the next action is conditional on it at once, not on
    // the version before this one until the refetch lands.
    onSuccess: (outcome) => {
      if (outcome.status !== 'accepted') return;
      client.setQueryData<Relationship & { etag: string }>(keys.relationship(relationshipId), (shown) =>
        shown && outcome.version >= shown.version ? { ...shown, ...outcome.view, version: outcome.version, etag: `"${outcome.version}"` } : shown);
    },
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.relationship(relationshipId) }),
        client.invalidateQueries({ queryKey: keys.timeline(relationshipId) }),
        ...keys.lists.map((queryKey) => client.invalidateQueries({ queryKey })),
      ]);
    },
  });
}
