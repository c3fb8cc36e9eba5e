import { useEffect } from 'react';

/** "Portfolio · iotassure": the tab and the history list name the page, not just the app. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · iotassure` : 'iotassure';
  }, [title]);
}
