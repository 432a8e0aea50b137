import type { KeyboardEvent } from 'react';

// How the line's forms take Enter and Esc: no field keeps the keyboard after either.

const fields = (form: HTMLFormElement) => [...form.querySelectorAll<HTMLInputElement>('input:not([type=checkbox]):not([disabled])')];

/** Enter in a form's field goes on to its next field; in the last, it submits the form (the browser's own Enter). */
export function enterGoesOn(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement) || e.target.type === 'checkbox') return;
  const all = fields(e.currentTarget);
  const next = all[all.indexOf(e.target) + 1];
  if (!next) return;
  e.preventDefault();
  next.focus();
  next.select();
}

/** Esc leaves a field for `home` (the batch on the line), where the screen's keys work again. */
export function escLeaves(e: KeyboardEvent, home: HTMLElement | null): void {
  if (e.key !== 'Escape' || !(e.target instanceof HTMLInputElement)) return;
  e.preventDefault();
  home?.focus();
}

/** After a form's work is done, the keyboard goes to the first field of `form`, emptied for the next reading. */
export function focusFirstField(form: HTMLFormElement | null): void {
  const first = form && fields(form)[0];
  first?.focus();
}
