import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { defaultDetectorOptions, ScanDetector, type Burst } from './detector';
import { DoubleReadFilter } from './doubleRead';
import { isTextEntry, pressesControl, replayMark, replayTyped } from './keyboard';

const modifierKeys = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);

export type ScanHandler = (code: string) => Promise<void> | void;

interface ScannerApi {
  /** The current screen's handler; the last registered wins, and leaving the screen removes it. */
  register(handler: ScanHandler): () => void;
  /** Every burst, raw, while the scanner check screen is listening. */
  listen(listener: ((burst: Burst) => void) | null): void;
}

const ScannerContext = createContext<ScannerApi | null>(null);

function useScanner(): ScannerApi {
  const api = useContext(ScannerContext);
  if (!api) throw new Error('scanner hooks outside ScannerProvider');
  return api;
}

export function useScanHandler(handler: ScanHandler): void {
  const scanner = useScanner();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => scanner.register((code) => latest.current(code)), [scanner]);
}

export function useBurstListener(listener: (burst: Burst) => void): void {
  const scanner = useScanner();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    scanner.listen((burst) => latest.current(burst));
    return () => scanner.listen(null);
  }, [scanner]);
}

interface Props {
  children: ReactNode;
  /** What a scan does where the screen has no handler: open the lot. */
  fallback: ScanHandler;
  /** A burst that did not end with Enter: the scanner's suffix is wrong. */
  onBadSuffix(burst: Burst): void;
}

/**
 * Listens to every key before the page does. A scanner's burst never reaches the focused
 * field (unless the field is marked data-scan-field); a person's keys are held a few
 * milliseconds and handed on unchanged. In a field meant for typing only a burst that is
 * scanner-fast to its Enter and of a known code's shape is a scan: fast typing stays typed.
 */
export function ScannerProvider({ children, fallback, onBadSuffix }: Props) {
  const handlers = useRef<ScanHandler[]>([]);
  const listener = useRef<((burst: Burst) => void) | null>(null);
  const props = useRef({ fallback, onBadSuffix });
  props.current = { fallback, onBadSuffix };
  const api = useRef<ScannerApi>({
    register(handler) {
      handlers.current.push(handler);
      return () => {
        handlers.current = handlers.current.filter((h) => h !== handler);
      };
    },
    listen(l) {
      listener.current = l;
    },
  });

  useEffect(() => {
    // Scans are handled one after another, in order: a burst of 30 a second loses none. A label
    // read twice by the scanner (the same code again within 300 ms, no key or click of a person's between) is one scan.
    let queue: Promise<void> = Promise.resolve();
    const doubleReads = new DoubleReadFilter();
    const output = {
      burst(burst: Burst) {
        if (listener.current) return listener.current(burst);
        if (burst.terminator !== 'enter') return props.current.onBadSuffix(burst);
        // By the keys' own times: a busy page may handle the second read long after it was typed.
        if (!doubleReads.accept(burst.text, burst.at)) return;
        const handler = handlers.current[handlers.current.length - 1] ?? props.current.fallback;
        queue = queue.then(() => handler(burst.text)).catch(() => undefined);
      },
      typed: replayTyped,
    };
    const detector = new ScanDetector(output, defaultDetectorOptions, () => (isTextEntry(document.activeElement) ? 'typing' : 'page'));
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event as unknown as Record<string, unknown>)[replayMark] || event.isComposing) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[data-scan-field]')) return;
      // Shift and the like alone type nothing; a scanner presses Shift for each capital, as fast
      // as its other keys (a person's held Shift repeats, and those repeats are no keys of a burst).
      if (modifierKeys.has(event.key)) {
        if (event.key === 'Shift' && !event.repeat) detector.shift(event.timeStamp);
        return;
      }
      // Shortcuts, and a held key's repeats (a scanner never sends those), are a person's keys; after
      // any of a person's keys, the same code again is a scan of its own, not a double read.
      if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) {
        doubleReads.forget();
        return detector.otherKey();
      }
      if (event.key.length === 1 && !pressesControl(document.activeElement, event.key)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        detector.character(event.key, event.timeStamp);
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => detector.idle(performance.now()), defaultDetectorOptions.holdMs + 10);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && detector.holding) {
        if (detector.terminator(event.key === 'Enter' ? 'enter' : 'tab', event.timeStamp)) {
          event.preventDefault();
          event.stopImmediatePropagation();
        }
        return;
      }
      doubleReads.forget();
      if (detector.holding) detector.otherKey();
    };
    // A click is a person's action too: the same code scanned after it is a scan of its own.
    const onPointerDown = () => doubleReads.forget();
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('pointerdown', onPointerDown, true);
      clearTimeout(idleTimer);
    };
  }, []);

  return <ScannerContext.Provider value={api.current}>{children}</ScannerContext.Provider>;
}
