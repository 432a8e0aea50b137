import { useCallback, useRef, useState } from 'react';

/**
 * Wraps an action so that a second press while the first is on its way (a double click, a held
 * F10, a scanner reading twice) is the same press: ignored, never a second record.
 */
export function useSingleFlight<A extends unknown[], R>(action: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  const busy = useRef(false);
  const latest = useRef(action);
  latest.current = action;
  return useCallback(async (...args: A) => {
    if (busy.current) return undefined;
    busy.current = true;
    try {
      return await latest.current(...args);
    } finally {
      busy.current = false;
    }
  }, []);
}

/** A single-flight action and whether it is on its way: its button is disabled meanwhile. */
export function usePendingAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): [(...args: A) => Promise<R | undefined>, boolean] {
  const [pending, setPending] = useState(false);
  const run = useSingleFlight(async (...args: A) => {
    setPending(true);
    try {
      return await action(...args);
    } finally {
      setPending(false);
    }
  });
  return [run, pending];
}
