import { useCallback, useEffect, useRef, useState } from 'react';

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

/** What a screen does with a request's outcome, whose answer may come back after the person moved on. */
export interface Settle<R> {
  answered(result: R): unknown;
  refused(error: unknown): unknown;
}

/**
 * A request as a pending action whose outcome the screen settles only while it is still shown: an
 * answer or refusal that comes back after the person moved on is dropped. A throw while settling
 * an answer is settled as a refusal.
 */
export function usePendingRequest<A extends unknown[], R>(request: (...args: A) => Promise<R>, settle: Settle<R>): [(...args: A) => Promise<void | undefined>, boolean] {
  const shown = useRef(true);
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);
  return usePendingAction(async (...args: A) => {
    try {
      const result = await request(...args);
      if (shown.current) await settle.answered(result);
    } catch (error) {
      if (shown.current) settle.refused(error);
    }
  });
}
