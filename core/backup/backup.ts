import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../kernel/errors';
import { openSqlite, sqlite3 } from '../db/dialect';
import { all, checkStoreFile, closeSqlite } from './check';

export interface BackupOptions {
  /** Pages copied per step; every page at once unless given (see takeBackup). */
  stepPages?: number;
  /** A pause between steps, so a test can stop the copy half-way. */
  pauseMs?: number;
}

export interface BackupReport {
  file: string;
  events: number;
  bytes: number;
  ms: number;
}

/** node-sqlite3's Backup object, which its type declarations leave out. */
interface SqliteBackup {
  step(pages: number, done: (err: Error | null) => void): void;
  finish(done: (err: Error | null) => void): void;
  completed: boolean;
  failed: boolean;
}

function copyPages(source: sqlite3.Database, target: string, options: BackupOptions): Promise<void> {
  const { stepPages = -1, pauseMs = 0 } = options;
  return new Promise((resolve, reject) => {
    const backup = (source as unknown as { backup(file: string, done: (err: Error | null) => void): SqliteBackup }).backup(target, (opened) => {
      if (opened) return reject(opened);
      const next = () =>
        backup.step(stepPages, async (err) => {
          if (err || backup.completed || backup.failed)
            return backup.finish(() => (err || backup.failed ? reject(err ?? new Error('the backup failed')) : resolve()));
          await sleep(pauseMs);
          next();
        });
      next();
    });
  });
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * An online copy of a store while the station goes on writing, checked, then put in place.
 *
 * SQLite's backup API rather than VACUUM INTO: it copies the pages as they are (no rebuild of
 * every index), reports progress, and can go in steps. By default it copies every page in one
 * step: in WAL that is one read transaction, which the station's writers never wait for, while
 * steps of a few pages would start over each time another process commits and might never end
 * on a busy station. The copy goes to a temporary name beside the target and is renamed over it
 * only once checked, so a backup killed half-way never leaves a half-file under the backup's name.
 */
export async function takeBackup(storeFile: string, out: string, options: BackupOptions = {}): Promise<BackupReport> {
  const started = Date.now();
  const target = path.resolve(out);
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}`);
  let source: sqlite3.Database;
  try {
    source = await openSqlite(storeFile, sqlite3.OPEN_READWRITE);
  } catch {
    throw new AppError('store.cantOpen', `The store ${storeFile} cannot be opened`, { file: storeFile });
  }
  let events: number;
  try {
    await copyPages(source, partial, options);
    await selfContained(partial);
    ({ events } = await checkStoreFile(partial));
    fsyncFile(partial);
    renameSync(partial, target);
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(partial + suffix, { force: true });
    throw error;
  } finally {
    await closeSqlite(source);
  }
  return { file: target, events, bytes: statSync(target).size, ms: Date.now() - started };
}

/** The copy carries the store's WAL flag: a backup is one file, with no -wal to lose beside it. */
async function selfContained(file: string): Promise<void> {
  const db = await openSqlite(file, sqlite3.OPEN_READWRITE);
  try {
    await all(db, 'PRAGMA journal_mode = DELETE');
  } finally {
    await closeSqlite(db);
  }
}
