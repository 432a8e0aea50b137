import { AppError } from '../../core/kernel/errors';
import en from '../../renderer/src/i18n/en.json';
import sw from '../../renderer/src/i18n/sw.json';

// Why the desktop app could not open its store, in the same words (and languages) the screens use.
const catalogs = { en, sw };

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => String(params[name] ?? ''));
}

export function startFailure(error: unknown, locale: string, file: string): { title: string; message: string } {
  const catalog = catalogs[locale.toLowerCase().startsWith('sw') ? 'sw' : 'en'];
  const title = catalog.errors.startup;
  if (error instanceof AppError && error.code.startsWith('store.')) {
    const key = error.code.slice('store.'.length) as keyof typeof catalog.errors.store;
    const template = catalog.errors.store[key];
    if (template) return { title, message: fill(template, { ...error.params, file }) };
  }
  return { title, message: `${catalog.errors.internal}\n\n${error instanceof Error ? error.message : String(error)}` };
}
