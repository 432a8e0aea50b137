import type { KeyboardEvent } from 'react';

/**
 * For every field inside the element it is put on: Esc leaves the field (and only the field, not the
 * screen); after Enter has done the field's work (its form's submit) the keyboard goes back to the
 * screen, so the next scan or key is the screen's. A field its Enter found wrong keeps the keyboard.
 */
export function giveKeyboardBack(event: KeyboardEvent<HTMLElement>): void {
  const field = event.target;
  if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement)) return;
  if (event.key === 'Escape') {
    event.stopPropagation();
    field.blur();
  } else if (event.key === 'Enter') {
    setTimeout(() => {
      if (document.activeElement === field && field.checkValidity()) field.blur();
    });
  }
}

/** A field reached by its key (Alt+T: the tracking number) rather than by a click. */
export function focusField(id: string): void {
  document.getElementById(id)?.focus();
}
