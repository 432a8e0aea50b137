// What goes into a station's log or its support bundle passes here first: a field whose name says
// it holds a secret is masked whatever its value, so no caller can leak a PIN or a token by forgetting.

const secretName = /pin|token|key|secret|password|authorization|cookie/i;

export const masked = '[hidden]';

export type Fields = Record<string, unknown>;

/** A deep copy of `value` with every secret-named field masked. */
export function redact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redact) as T;
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  const copy: Fields = {};
  for (const [name, field] of Object.entries(value)) copy[name] = secretName.test(name) ? masked : redact(field);
  return copy as T;
}
