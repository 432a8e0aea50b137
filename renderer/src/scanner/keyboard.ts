// Where a person's held-back keys go once the detector has decided they were typed.

const textTypes = new Set(['text', 'search', 'password', 'tel', 'number', 'email', 'url', '']);

export function isTextEntry(element: Element | null): element is HTMLInputElement | HTMLTextAreaElement {
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  return element instanceof HTMLInputElement && textTypes.has(element.type) && !element.readOnly && !element.disabled;
}

/** Space on a button or checkbox presses it: that key is never held back. */
export function pressesControl(element: Element | null, key: string): boolean {
  if (key !== ' ') return false;
  if (element instanceof HTMLInputElement) return element.type === 'checkbox' || element.type === 'radio';
  return element instanceof HTMLButtonElement || element instanceof HTMLAnchorElement || element?.getAttribute('role') === 'button';
}

export const replayMark = 'karakanaReplay';

/** Gives typed text to the focused field as if typed now, or replays it as key presses for shortcuts. */
export function replayTyped(text: string): void {
  const target = document.activeElement;
  if (isTextEntry(target)) {
    // insertText keeps the field's undo history and fires the input event React listens to.
    document.execCommand('insertText', false, text);
    return;
  }
  for (const key of text) {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(event, replayMark, { value: true });
    (target ?? document.body).dispatchEvent(event);
  }
}
