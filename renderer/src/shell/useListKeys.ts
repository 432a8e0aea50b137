import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Rows PgUp and PgDn move by. */
const page = 15;

/** A key meant for the field or button that has focus, not for the list. */
function forFocused(event: KeyboardEvent): boolean {
  const target = event.target instanceof HTMLElement ? event.target : null;
  if (!target) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  // Enter on a button, link or summary presses it; arrows there move nothing, so they are the list's.
  return event.key === 'Enter' && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName);
}

interface ListKeys {
  /** How many rows the list has now. */
  rows: number;
  /** Enter on the selected row. */
  onOpen(index: number): void;
  /** Brings a row into view where the list draws only some of its rows (virtualized); others scroll by rowRef. */
  scrollTo?(index: number): void;
}

/**
 * A list that answers ↑ ↓ PgUp PgDn Home End and Enter for as long as it is on screen, wherever the
 * focus is but in a field: a person reaches it without a click. The selected row is scrolled into view.
 */
export function useListKeys({ rows, onOpen, scrollTo }: ListKeys) {
  const [selected, setSelected] = useState(0);
  const elements = useRef(new Map<number, HTMLElement>());
  const latest = useRef({ rows, onOpen, selected });
  latest.current = { rows, onOpen, selected };
  const moved = useRef(false);

  // A layout effect: the list answers from the moment it is on screen, a key pressed at once included.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || forFocused(event)) return;
      const { rows: count, selected: at } = latest.current;
      if (count === 0) return;
      const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -count, End: count };
      if (event.key === 'Enter') latest.current.onOpen(Math.min(at, count - 1));
      else if (event.key in steps) {
        moved.current = true;
        setSelected(Math.max(0, Math.min(count - 1, at + steps[event.key]!)));
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Only a move by key scrolls: a row clicked is already where the person looks.
  const scroll = useRef(scrollTo);
  scroll.current = scrollTo;
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    if (scroll.current) scroll.current(selected);
    else elements.current.get(selected)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const rowRef = (index: number) => (element: HTMLElement | null) => {
    if (element) elements.current.set(index, element);
    else elements.current.delete(index);
  };
  return { selected: Math.min(selected, Math.max(rows - 1, 0)), select: setSelected, rowRef };
}
