// Sortable table columns: a header button per column, the order said to screen readers with
// aria-sort, ascending then descending on a second press.
import { useMemo, useState } from 'react';

export type SortValue = string | number | null | undefined;

export function useSorted<T>(rows: T[], columns: Record<string, (row: T) => SortValue>, initial: { by: string; descending?: boolean }) {
  const [sort, setSort] = useState({ by: initial.by, descending: initial.descending ?? false });
  const sorted = useMemo(() => {
    const value = columns[sort.by];
    if (!value) return rows;
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    const compare = (a: T, b: T): number => {
      const x = value(a);
      const y = value(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return sort.descending ? -order : order;
    };
    return [...rows].sort(compare);
  }, [rows, sort.by, sort.descending]);
  const header = (key: string, label: string) => (
    <th scope="col" aria-sort={sort.by === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort((s) => ({ by: key, descending: s.by === key ? !s.descending : false }))}>
        {label}{sort.by === key ? (sort.descending ? ' ↓' : ' ↑') : ''}
      </button>
    </th>
  );
  return { sorted, header };
}
