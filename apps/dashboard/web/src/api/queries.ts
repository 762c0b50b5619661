// One hook per read the page makes; the keys are what live updates invalidate.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useHttp } from './api-context';
import type { Http } from './http';
import type {
  AtRiskPage, BoardSummary, ExitLessons, NoticePage, Page, ParetoReport, Relationship, RelationshipPage, Timeline, Today, WebhookDeliveryLog, WebhookSubscriptionList,
} from './shapes';

export const keys = {
  relationship: (id: string) => ['relationship', id] as const,
  timeline: (id: string) => ['timeline', id] as const,
  /** Every list that a change to any relationship may move. */
  lists: [['board'], ['relationships'], ['at-risk'], ['notice'], ['pareto'], ['exit-lessons'], ['today']] as const,
};

export interface BoardFilters { state?: string; reason?: string; owner?: string; q?: string; sort?: string }

const queryString = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
};

export function useBoardSummary() {
  const http = useHttp();
  return useQuery({ queryKey: ['board'], queryFn: () => http.get<BoardSummary>('/v1/board') });
}

/** Server-side pages, fetched as the list scrolls. */
export function useRelationshipPages(filters: BoardFilters, pageSize = 50) {
  const http = useHttp();
  return useInfiniteQuery({
    queryKey: ['relationships', filters, pageSize],
    queryFn: ({ pageParam }) => http.get<RelationshipPage>(`/v1/relationships${queryString({ ...filters, page: pageParam, pageSize })}`),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    placeholderData: keepPreviousData,
  });
}

export function useRelationship(id: string) {
  const http = useHttp();
  return useQuery({
    queryKey: keys.relationship(id),
    queryFn: async () => {
      const { body, etag } = await http.getWithVersion<Relationship>(`/v1/relationships/${encodeURIComponent(id)}`);
      return { ...body, etag: etag ?? `"${body.version}"` };
    },
    retry: (count, error) => count < 2 && !('status' in error && (error as { status: number }).status === 404),
  });
}

/** Asked for only once the relationship itself answered: an unknown one has no timeline either. */
export function useTimeline(id: string, enabled = true) {
  const http = useHttp();
  return useQuery({ queryKey: keys.timeline(id), queryFn: () => http.get<Timeline>(`/v1/relationships/${encodeURIComponent(id)}/timeline`), enabled });
}

export function useAtRisk() {
  const http = useHttp();
  return useQuery({ queryKey: ['at-risk'], queryFn: () => http.get<AtRiskPage>('/v1/at-risk?pageSize=200') });
}

export function useNoticeTracker() {
  const http = useHttp();
  return useQuery({ queryKey: ['notice'], queryFn: () => http.get<NoticePage>('/v1/notice?pageSize=200') });
}

export function usePareto() {
  const http = useHttp();
  return useQuery({ queryKey: ['pareto'], queryFn: () => http.get<ParetoReport>('/v1/pareto') });
}

export function useExitLessons() {
  const http = useHttp();
  return useQuery({ queryKey: ['exit-lessons'], queryFn: () => http.get<ExitLessons>('/v1/exit-lessons') });
}

/** What needs someone today; `since` is when this person last looked. */
export function useToday(since: string | undefined) {
  const http = useHttp();
  return useQuery({ queryKey: ['today', since], queryFn: () => http.get<Today>(`/v1/today${queryString({ since })}`) });
}

export function useWebhooks() {
  const http = useHttp();
  return useQuery({ queryKey: ['webhooks'], queryFn: () => http.get<WebhookSubscriptionList>('/v1/webhooks') });
}

export function useDeliveries(id: string) {
  const http = useHttp();
  return useQuery({ queryKey: ['webhooks', id, 'deliveries'], queryFn: () => http.get<WebhookDeliveryLog>(`/v1/webhooks/${encodeURIComponent(id)}/deliveries`), refetchInterval: 5_000 });
}

/** Every page of a list, for an export: the page size the API allows at most, until the total. */
export async function fetchAllPages<T>(http: Http, path: string, params: Record<string, string | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const p = await http.get<Page<T>>(`${path}${queryString({ ...params, page, pageSize: 200 })}`);
    items.push(...p.items);
    if (p.items.length === 0 || items.length >= p.total) return items;
  }
}
