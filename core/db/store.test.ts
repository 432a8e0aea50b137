import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors';
import { tempStoreFile } from '../testing/tempStore';
import { openSqlite, sqlite3 } from './dialect';
import { latestVersion } from './migrations';
import type { Db } from './schema';
import { openStore, userVersion } from './store';

async function pragma(db: Db, name: string): Promise<unknown> {
  const { rows } = await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(db);
  return Object.values(rows[0] ?? {})[0];
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Handles this process still holds on a file (Linux /proc); elsewhere removing the file below is the check. */
function openHandles(file: string): number {
  if (!existsSync('/proc/self/fd')) return 0;
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(file);
    } catch {
      return false;
    }
  }).length;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A second program's connection to the same file, driven with plain SQL. */
async function otherProgram(file: string) {
  const raw = await openSqlite(file, sqlite3.OPEN_READWRITE);
  return {
    exec: (statement: string) => new Promise<void>((resolve, reject) => raw.exec(statement, (err) => (err ? reject(err) : resolve()))),
    close: () => new Promise<void>((resolve, reject) => raw.close((err) => (err ? reject(err) : resolve()))),
  };
}

async function storeWithAStation(): Promise<string> {
  const file = tempStoreFile();
  const store = await openStore(file);
  await store.db.insertInto('site_stations').values({ code: 'R1', name: 'Receiving desk', desk: 'receiving' }).execute();
  await store.close();
  return file;
}

describe('a new store', () => {
  it('is created at the latest schema with WAL, foreign keys, synchronous FULL and a busy timeout', async () => {
    const file = tempStoreFile();
    const store = await openStore(file, { busyTimeoutMs: 1234 });
    try {
      expect(existsSync(file)).toBe(true);
      expect(await userVersion(store.db)).toBe(latestVersion);
      expect(await pragma(store.db, 'journal_mode')).toBe('wal');
      expect(await pragma(store.db, 'foreign_keys')).toBe(1);
      expect(await pragma(store.db, 'synchronous')).toBe(2);
      expect(await pragma(store.db, 'busy_timeout')).toBe(1234);
    } finally {
      await store.close();
    }
  });

  it('waits 5 seconds for a lock by default', async () => {
    const store = await openStore(tempStoreFile());
    try {
      expect(await pragma(store.db, 'busy_timeout')).toBe(5000);
    } finally {
      await store.close();
    }
  });

  it('is not created by a command that only opens existing stores', async () => {
    const file = tempStoreFile('typo.db');
    const error = await refusal(openStore(file, { create: false }));
    expect(error.code).toBe('store.cantOpen');
    expect(existsSync(file)).toBe(false);
  });
});

describe('a store another program holds', () => {
  it('is reported as locked, and opens with its data once the other program lets go', async () => {
    const file = await storeWithAStation();
    const other = await otherProgram(file);
    await other.exec('PRAGMA locking_mode = EXCLUSIVE');
    await other.exec('BEGIN EXCLUSIVE');
    await other.exec("UPDATE site_stations SET name = 'Receiving desk 1'");

    const error = await refusal(openStore(file, { busyTimeoutMs: 50 }));
    expect(error.code).toBe('store.locked');
    expect(error.message).toContain(file);

    await other.exec('COMMIT');
    await other.close();
    expect(openHandles(file)).toBe(0); // the refused open did not keep the file
    const store = await openStore(file, { busyTimeoutMs: 50 });
    try {
      expect(await store.db.selectFrom('site_stations').selectAll().execute()).toEqual([
        { code: 'R1', name: 'Receiving desk 1', desk: 'receiving' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('of 0 bytes, even in a transaction of the other program, is refused as empty and never set up as a new station', async () => {
    const file = tempStoreFile();
    writeFileSync(file, ''); // what a failed copy or a full disk leaves: no station in it
    const other = await otherProgram(file);
    await other.exec('BEGIN EXCLUSIVE');
    try {
      expect((await refusal(openStore(file, { busyTimeoutMs: 50 }))).code).toBe('store.empty');
    } finally {
      await other.exec('ROLLBACK');
      await other.close();
    }
    expect((await refusal(openStore(file, { busyTimeoutMs: 50 }))).code).toBe('store.empty');
    expect(readFileSync(file).length).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('a file that is not a Karakana store', () => {
  it('is refused as not a Karakana store (text), left byte for byte as it was, and not held open', async () => {
    const file = tempStoreFile('lots-export.csv');
    writeFileSync(file, 'lot,design,quantity\n' + 'L-26-R1-000001,BR-CUF-001,40\n'.repeat(400));
    const before = sha256(file);

    const error = await refusal(openStore(file));
    expect(error).toMatchObject({ code: 'store.foreign', params: { found: 'text' } });
    expect(error.message).toContain(file);

    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(openHandles(file)).toBe(0);
    rmSync(file); // fails on Windows if Karakana still held the file
  });
});

describe('a store written by a newer Karakana', () => {
  it('is refused as newer and left unchanged', async () => {
    const file = await storeWithAStation();
    const other = await otherProgram(file);
    await other.exec(`PRAGMA user_version = ${latestVersion + 1}`);
    await other.close();
    const before = sha256(file);

    const error = await refusal(openStore(file));
    expect(error.code).toBe('store.newer');
    expect(error.params).toMatchObject({ version: latestVersion + 1 });

    expect(sha256(file)).toBe(before);
    expect(openHandles(file)).toBe(0);
    const reader = await openStore(file, { migrate: false }).catch((e: unknown) => e);
    expect(reader).toBeInstanceOf(AppError); // not even a read-only open lets it through
  });
});
