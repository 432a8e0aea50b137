import { useEffect, useRef } from 'react';

export interface SaveQueue<T> {
  /** Sends a save after those already asked for; it is given the value they left. */
  enqueue(save: (latest: T) => Promise<T>): void;
  /** Settles once every save asked for so far has been answered, saved or refused. */
  settled(): Promise<void>;
}

/**
 * Saves sent one after the other, in the order a person pressed or scanned them: one asked for
 * while another is on its way waits its turn and is never dropped. Each works on the value the
 * saves before it left (a Delete takes back the entry just logged, even before the screen shows
 * it). A refused save is told and the next works on the value before it. Saves asked for before
 * the screen closed are still sent, but their answers are no longer handed to it.
 */
export function useSaveQueue<T>(current: T, onSaved: (next: T) => void, onRefused: (error: unknown) => void): SaveQueue<T> {
  const latest = useRef(current);
  latest.current = current;
  const handlers = useRef({ onSaved, onRefused });
  handlers.current = { onSaved, onRefused };
  const open = useRef(true);
  useEffect(() => {
    open.current = true;
    return () => {
      open.current = false;
    };
  }, []);
  const tail = useRef<Promise<void>>(Promise.resolve());
  const queue = useRef<SaveQueue<T>>({
    enqueue(save) {
      tail.current = tail.current.then(async () => {
        try {
          latest.current = await save(latest.current);
          if (open.current) handlers.current.onSaved(latest.current);
        } catch (error) {
          handlers.current.onRefused(error);
        }
      });
    },
    settled: () => tail.current,
  });
  return queue.current;
}
