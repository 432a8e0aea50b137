import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { AppError } from '../kernel/errors';
import { openSqlite, sqlite3 } from './dialect';

// Is the file a whole Karakana store? Told before anything is written to it: a 0-byte file or
// another program's file never becomes a new station, and a damaged one is named as damaged.

/** What lies at a path before SQLite opens it: nothing yet, 0 bytes, a SQLite database, text, or another kind of file. */
export type FileKind = 'absent' | 'empty' | 'sqlite' | 'text' | 'other';

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** Stores up to this size are checked whole before the station starts (about 0.2 s at 300 MB/s); larger ones after. */
export const quickCheckAtStartBytes = 64 * 1024 * 1024;

export function fileKind(file: string): FileKind {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 'absent';
  if (stat.size === 0) return 'empty';
  const head = Buffer.alloc(512);
  const fd = openSync(file, 'r');
  const length = (() => {
    try {
      return readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  })();
  const bytes = head.subarray(0, length);
  if (bytes.subarray(0, sqliteHeader.length).equals(sqliteHeader)) return 'sqlite';
  // Text: no NUL and no control bytes but tab, line feed and carriage return.
  return bytes.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) ? 'text' : 'other';
}

export function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

export function damagedStore(file: string, detail: string): AppError {
  return new AppError('store.damaged', `The store ${file} is damaged (${detail})`, { file });
}

export function emptyFile(file: string): AppError {
  return new AppError('store.empty', `${file} is empty: it holds no station, and nothing was written to it`, { file });
}

/** found: 'text', 'other' (not a database) or 'database' (another program's SQLite database). */
export function foreignFile(file: string, found: 'text' | 'other' | 'database'): AppError {
  return new AppError('store.foreign', `${file} is not a Karakana store (${found}); nothing was written to it`, { file, found });
}

/**
 * SQLite's quick_check of the whole file on a read-only connection of its own (a WAL reader: the
 * station's writes go on meanwhile). Resolves to the first fault found, or null when it is whole.
 */
export async function quickCheck(file: string): Promise<string | null> {
  const db = await openSqlite(file, sqlite3.OPEN_READONLY);
  try {
    const rows = await new Promise<{ quick_check: string }[]>((resolve, reject) =>
      db.all('PRAGMA quick_check(1)', (err, found) => (err ? reject(err) : resolve(found as { quick_check: string }[]))),
    );
    const first = rows[0]?.quick_check ?? 'no answer';
    return first === 'ok' ? null : first;
  } catch (error) {
    if (isDamage(error)) return String((error as Error).message);
    throw error;
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}
