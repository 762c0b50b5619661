// Loading and failure of a read, said the same way on every view.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiFailure } from '../api/http';
import { refusalHeadline } from '../words/refusals';

export function QueryState<T>({ query, children }: { query: UseQueryResult<T, Error>; children(data: T): ReactNode }) {
  if (query.isPending) return <p role="status">Loading…</p>;
  if (query.isError) {
    const e = query.error;
    const code = e instanceof ApiFailure ? e.code : 'internal';
    return (
      <div role="alert" className="error">
        <strong>{refusalHeadline(code)}.</strong> {e.message} <code>{code}</code>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
