import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openSqlite, sqlite3 } from '../db/dialect';
import { all, checkStoreFile, closeSqlite, type CheckedStore } from './check';

export interface RestoreReport {
  backup: CheckedStore;
  /** Where the replaced store now is (null when there was none). */
  keptAs: string | null;
  /** This station's events in the replaced store after the backup's last own one (null: it could not be read). */
  newer: number | null;
  /** Of those, the ones still waiting to be sent, as the outbox counts them. */
  unsent: number | null;
}

const sidecars = ['', '-wal', '-shm'];

/** Local time to the second, in a form every file system takes: 2026-12-06T01-02-03. */
export function localStamp(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
}

interface OwnEvents {
  lastSeq: number;
  rows: { seq: number; waiting: number }[];
}

async function ownEvents(file: string, after = 0): Promise<OwnEvents> {
  const db = await openSqlite(file, sqlite3.OPEN_READWRITE);
  try {
    const rows = await all<{ seq: number; waiting: number }>(
      db,
      "SELECT seq, upstream_seq IS NULL AND status = 'applied' AS waiting FROM events WHERE local = 1 AND seq > ? ORDER BY seq",
      [after],
    );
    const [{ last } = { last: 0 }] = await all<{ last: number | null }>(db, 'SELECT max(seq) AS last FROM events WHERE local = 1');
    return { lastSeq: last ?? 0, rows };
  } finally {
    await closeSqlite(db);
  }
}

/**
 * Puts a checked backup in the store's place. The backup is checked before anything is touched;
 * the replaced store (with its -wal and -shm) is renamed aside, never deleted, and what it held
 * of this station's own work that the backup lacks is counted. The station must be stopped first:
 * an idle SQLite connection holds no lock another process could see on every platform, so a
 * running station is not detected here.
 */
export async function restoreBackup(storeFile: string, backupFile: string, now = new Date()): Promise<RestoreReport> {
  const backup = await checkStoreFile(backupFile);
  const target = path.resolve(storeFile);
  const incoming = path.join(path.dirname(target), `.${path.basename(target)}.restoring-${process.pid}`);
  copyFileSync(backupFile, incoming);
  try {
    if (!existsSync(target)) {
      renameSync(incoming, target);
      return { backup, keptAs: null, newer: 0, unsent: 0 };
    }
    const { lastSeq } = await ownEvents(incoming);
    const rows = await ownEvents(target, lastSeq).then((own) => own.rows, () => null);
    const keptAs = `${target}.replaced-${localStamp(now)}`;
    for (const suffix of sidecars) if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
    renameSync(incoming, target);
    return { backup, keptAs, newer: rows?.length ?? null, unsent: rows?.filter((r) => r.waiting).length ?? null };
  } finally {
    rmSync(incoming, { force: true });
  }
}
