// Each view names the tab: "At risk · offramp", so a person with several tabs open finds theirs.
import { useEffect } from 'react';

export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · offramp` : 'offramp';
  }, [title]);
}
