// The calls the Policy page makes on the team's policy: save a draft
// (as a JSON merge patch of what was edited), run a what-if and follow its job, activate.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useHttp } from './api-context';
import type { ApiFailure } from './http';
import type { ActivationBody, TeamPolicy, WhatIfJob } from './shapes';

const POLICY_KEY = ['policy'] as const;
const MERGE_PATCH = { 'Content-Type': 'application/merge-patch+json' };

export function usePolicy() {
  const http = useHttp();
  return useQuery({ queryKey: POLICY_KEY, queryFn: () => http.get<TeamPolicy>('/v1/policy') });
}

export function useSaveDraft() {
  const http = useHttp();
  const client = useQueryClient();
  return useMutation<TeamPolicy, ApiFailure, Record<string, unknown>>({
    mutationFn: (patch) => http.put<TeamPolicy>('/v1/policy/draft', patch, MERGE_PATCH),
    onSuccess: (policy) => client.setQueryData(POLICY_KEY, policy),
  });
}

export function useActivate() {
  const http = useHttp();
  const client = useQueryClient();
  return useMutation<TeamPolicy, ApiFailure, ActivationBody>({
    mutationFn: (body) => http.post<TeamPolicy>('/v1/policy/activate', body),
    onSuccess: (policy) => client.setQueryData(POLICY_KEY, policy),
    onSettled: () => client.invalidateQueries({ queryKey: POLICY_KEY }),
  });
}

/** Starts a what-if of the draft and follows its job until it ends. */
export function useWhatIf() {
  const http = useHttp();
  const [job, setJob] = useState<WhatIfJob | null>(null);
  const start = useMutation<WhatIfJob, ApiFailure, void>({
    mutationFn: () => http.post<WhatIfJob>('/v1/policy/what-if', {}),
    onSuccess: setJob,
  });
  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(() => {
      http.get<WhatIfJob>(`/v1/policy/what-if/${encodeURIComponent(job.id)}`).then(setJob, () => setJob({ ...job, status: 'failed', error: 'The what-if could not be followed.' }));
    }, 300);
    return () => clearTimeout(timer);
  }, [http, job]);
  return { job, start: () => { setJob(null); start.mutate(); }, starting: start.isPending, error: start.error };
}

/** Where the Policy page shows a version: its entry in the history (every decision links to it). */
export const versionAnchor = (version: string): string => `version-${version.replace(/[^A-Za-z0-9_-]/g, '-')}`;
