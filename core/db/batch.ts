// Helpers for the sync paths that work a batch at a time instead of an event at a time.

/** Splits a list into pieces of at most `size`, so one statement stays within the database's limit on parameters. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const pieces: T[][] = [];
  for (let i = 0; i < items.length; i += size) pieces.push(items.slice(i, i + size));
  return pieces;
}

/** Whether a list holds the same key twice. */
export function repeats<T>(items: readonly T[], key: (item: T) => string): boolean {
  return new Set(items.map(key)).size !== items.length;
}
