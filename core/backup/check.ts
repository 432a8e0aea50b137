import { AppError } from '../kernel/errors';
import { openSqlite, sqlite3 } from '../db/dialect';
import { latestVersion } from '../db/migrations';

export interface CheckedStore {
  version: number;
  events: number;
}

export function all<T>(db: sqlite3.Database, query: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(query, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
}

export function closeSqlite(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
}

function damaged(file: string, detail: string): AppError {
  return new AppError('backup.damaged', `${file} is damaged (${detail}): it cannot be used as a backup`, { file });
}

/**
 * A file is a usable Karakana store when SQLite finds no fault in it and it carries a schema
 * version this Karakana knows (as openStore recognises a store) with its event log. Opened
 * read-only: checking changes nothing.
 */
export async function checkStoreFile(file: string): Promise<CheckedStore> {
  let db: sqlite3.Database;
  try {
    db = await openSqlite(file, sqlite3.OPEN_READONLY);
  } catch {
    throw new AppError('backup.notKarakana', `${file} cannot be opened: it is not a Karakana store`, { file });
  }
  try {
    const integrity = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check').catch((error: { code?: string }) => {
      if (error.code === 'SQLITE_NOTADB') throw new AppError('backup.notKarakana', `${file} is not a Karakana store`, { file });
      throw damaged(file, String(error));
    });
    if (integrity[0]?.integrity_check !== 'ok') throw damaged(file, integrity.map((r) => r.integrity_check).slice(0, 3).join('; '));
    const [{ user_version: version } = { user_version: 0 }] = await all<{ user_version: number }>(db, 'PRAGMA user_version');
    const log = await all(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'");
    if (version < 1 || log.length === 0) throw new AppError('backup.notKarakana', `${file} is not a Karakana store`, { file });
    if (version > latestVersion)
      throw new AppError('store.newer', `The store ${file} was written by a newer Karakana (schema ${version})`, { file, version });
    const [{ n } = { n: 0 }] = await all<{ n: number }>(db, 'SELECT count(*) AS n FROM events');
    return { version, events: n };
  } finally {
    await closeSqlite(db);
  }
}
