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

/** A keyboard shortcut for as long as the component is on screen. */
export function useShortcut(shortcut: Shortcut, action: () => void): void {
  const latest = useRef(action);
  latest.current = action;
  const { key, ctrl, alt } = shortcut;
  // A layout effect: the shortcut works from the moment its screen is on screen.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!matches(event, { key, ctrl, alt })) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key, ctrl, alt]);
}
