import { useEffect } from 'react';
import { subscribe } from '../client/client';

/** Calls reload when the print queue changes (coalesced: a burst of 1,000 jobs is one reload). */
export function usePrintingChanged(reload: () => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = subscribe('printing.changed', () => {
      timer ??= setTimeout(() => {
        timer = null;
        reload();
      }, 250);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [reload]);
}
