// Sends one command about one relationship, with the version the page showed (If-Match), so a
// change by someone else meanwhile comes back as `version_conflict` instead of being overwritten.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useHttp } from './api-context';
import type { ApiFailure } from './http';
import { keys } from './queries';

export interface CommandRequest {
  type: string;
  data: Record<string, unknown>;
  override?: { reason: string };
}

export function useCommand(relationshipId: string, etag: string | undefined) {
  const http = useHttp();
  const client = useQueryClient();
  return useMutation<unknown, ApiFailure, CommandRequest>({
    mutationFn: ({ type, data, override }) =>
      http.post(
        '/v1/commands',
        { id: crypto.randomUUID(), type, relationshipId, issuedAt: new Date().toISOString(), data, ...(override ? { override } : {}) },
        etag ? { 'If-Match': etag } : {},
      ),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.relationship(relationshipId) }),
        client.invalidateQueries({ queryKey: keys.timeline(relationshipId) }),
        ...keys.lists.map((queryKey) => client.invalidateQueries({ queryKey })),
      ]);
    },
  });
}
