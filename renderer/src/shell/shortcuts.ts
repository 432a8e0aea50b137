import { useLayoutEffect, useRef } from 'react';

export interface Shortcut {
  key: string;
  ctrl?: boolean;
  alt?: boolean;
}

function matches(event: KeyboardEvent, shortcut: Shortcut): boolean {
  return (
    event.key.toLowerCase() === shortcut.key.toLowerCase() &&
    event.ctrlKey === !!shortcut.ctrl &&
    event.altKey === !!shortcut.alt
  );
}

/** Every key pressed on the page, for as long as the component is on screen. */
export function useKeyDown(onKeyDown: (event: KeyboardEvent) => void): void {
  const latest = useRef(onKeyDown);
  latest.current = onKeyDown;
  // A layout effect: the keys work from the moment the screen is on screen (an Esc pressed at once is not lost).
  useLayoutEffect(() => {
    const listener = (event: KeyboardEvent) => latest.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

/** A keyboard shortcut for as long as the component is on screen. */
export function useShortcut(shortcut: Shortcut, action: () => void): void {
  useKeyDown((event) => {
    if (!matches(event, shortcut)) return;
    event.preventDefault();
    action();
  });
}
