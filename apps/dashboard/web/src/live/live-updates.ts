// Listens to GET /v1/live and refetches what changed. The stream is read with fetch so the token
// travels in the Authorization header, never in the URL; after a break the page comes back in 1 s
// (as the server's `retry` asks). On each connection the page refetches everything, since changes
// may have been missed. A refused token (401) is not retried: the sign-in has to be renewed.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys } from '../api/queries';
import { readEventStream, StreamRefused, type StreamEvent } from './event-stream';

export type LiveStatus = 'connecting' | 'live' | 'lost';

const RECONNECT_MS = 1_000;

export function useLiveUpdates(token: string): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    const stop = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;

    const onEvent = ({ event, data }: StreamEvent) => {
      // On every (re)connection the page refetches: changes made before the stream was open, or
      // while it was down, are never announced.
      if (event === 'ready') {
        setStatus('live');
        void client.invalidateQueries();
      } else if (event === 'changed') {
        const { relationshipIds } = JSON.parse(data) as { relationshipIds: string[] };
        for (const id of relationshipIds) {
          void client.invalidateQueries({ queryKey: keys.relationship(id) });
          void client.invalidateQueries({ queryKey: keys.timeline(id) });
        }
        for (const queryKey of keys.lists) void client.invalidateQueries({ queryKey });
      }
    };

    const connect = () => {
      readEventStream('/v1/live', token, stop.signal, onEvent).then(
        () => lost(true),
        (error: unknown) => lost(!(error instanceof StreamRefused && error.status === 401)),
      );
    };
    const lost = (again: boolean) => {
      if (stop.signal.aborted) return;
      setStatus('lost');
      if (again) retry = setTimeout(connect, RECONNECT_MS);
    };

    connect();
    return () => {
      stop.abort();
      clearTimeout(retry);
    };
  }, [client, token]);

  return status;
}
