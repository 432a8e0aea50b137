import { useEffect, useRef, useState, type RefObject } from 'react';
import { isTextEntry } from '../scanner/keyboard';
import { zooms, type Zoom } from './axis';

/** Steps through hours, day and week: by + and − where no field has the keyboard, and by Ctrl+wheel over the board. */
export function useZoom(view: RefObject<HTMLDivElement | null>, ready: boolean): { zoom: Zoom; setZoom(zoom: Zoom): void; viewWidth: number } {
  const [zoom, setZoom] = useState<Zoom>('hours');
  const [viewWidth, setViewWidth] = useState(1000);
  const step = useRef((by: number) => setZoom((z) => zooms[Math.max(0, Math.min(zooms.length - 1, zooms.indexOf(z) + by))]!));

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || isTextEntry(document.activeElement)) return;
      const by = e.key === '+' || e.key === '=' ? -1 : e.key === '-' ? 1 : 0;
      if (!by) return;
      e.preventDefault();
      step.current(by);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    const element = view.current;
    if (!ready || !element) return;
    // Not React's onWheel: its listener is passive, and Ctrl+wheel would zoom the whole page too.
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      step.current(e.deltaY < 0 ? -1 : 1);
    };
    const resized = new ResizeObserver(() => setViewWidth(element.clientWidth || 1000));
    resized.observe(element);
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      resized.disconnect();
      element.removeEventListener('wheel', onWheel);
    };
  }, [view, ready]);

  return { zoom, setZoom, viewWidth };
}
