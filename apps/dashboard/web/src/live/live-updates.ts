// Listens to GET /v1/live and refetches what changed. EventSource reconnects by itself (the server
// asks for 1 s); on each connection the page refetches everything, since changes may have been missed.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys } from '../api/queries';

export type LiveStatus = 'connecting' | 'live' | 'lost';

export function useLiveUpdates(token: string): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    const source = new EventSource(`/v1/live?token=${encodeURIComponent(token)}`);
    // On every (re)connection the page refetches: changes made before the stream was open, or
    // while it was down, are never announced.
    source.addEventListener('ready', () => {
      setStatus('live');
      void client.invalidateQueries();
    });
    source.addEventListener('changed', (e: MessageEvent<string>) => {
      const { relationshipIds } = JSON.parse(e.data) as { relationshipIds: string[] };
      for (const id of relationshipIds) {
        void client.invalidateQueries({ queryKey: keys.relationship(id) });
        void client.invalidateQueries({ queryKey: keys.timeline(id) });
      }
      for (const queryKey of keys.lists) void client.invalidateQueries({ queryKey });
    });
    source.onerror = () => {
      setStatus('lost');
    };
    return () => source.close();
  }, [client, token]);

  return status;
}
