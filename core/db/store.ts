import { CompiledQuery, Kysely, sql } from 'kysely';
import { AppError } from '../kernel/errors';
import type { IGenericSqlite } from 'kysely-generic-sqlite';
import { NodeSqliteDialect, openSqlite, sqlite3, sqliteExecutor } from './dialect';
import { damagedStore, emptyFile, fileKind, foreignFile, isDamage } from './health';
import { latestVersion, migrations } from './migrations';
import type { Db } from './schema';

export interface StoreOptions {
  /** Create the file when it does not exist (false for commands that only read). */
  create?: boolean;
  /** How long a write waits for another process's lock before it reports the store as locked. */
  busyTimeoutMs?: number;
  /** Apply pending migrations (true at start); false leaves the schema as found. */
  migrate?: boolean;
  /** Highest migration to apply, for tests that stop at an earlier release. */
  toVersion?: number;
  /** Told of every SQLITE_CORRUPT or SQLITE_NOTADB a query meets once the store is open (the station then stops using it). */
  onDamaged?: (error: unknown) => void;
  /** Told once migrations were applied, for the station's log. */
  onMigrated?: (from: number, to: number) => void;
}

export interface Store {
  db: Db;
  file: string;
  close(): Promise<void>;
}

function storeError(error: unknown, file: string): AppError {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new AppError('store.locked', `The store ${file} is locked by another program`, { file });
  if (isDamage(error)) return damagedStore(file, String(code));
  if (code === 'SQLITE_CANTOPEN')
    return new AppError('store.cantOpen', `The store ${file} cannot be opened`, { file });
  return error instanceof AppError ? error : new AppError('store.cantOpen', String(error), { file });
}

export async function openStore(file: string, options: StoreOptions = {}): Promise<Store> {
  const { create = true, busyTimeoutMs = 5000, migrate = true, toVersion = latestVersion } = options;
  const mode = sqlite3.OPEN_READWRITE | (create ? sqlite3.OPEN_CREATE : 0);
  const kind = fileKind(file);
  if (kind === 'empty') throw emptyFile(file);
  if (kind === 'text' || kind === 'other') throw foreignFile(file, kind);
  let raw: sqlite3.Database;
  try {
    raw = await openSqlite(file, mode);
  } catch (error) {
    throw storeError(error, file);
  }
  try {
    raw.configure('busyTimeout', busyTimeoutMs);
    if (kind === 'sqlite') await recogniseStore(raw, file);
  } catch (error) {
    await new Promise((resolve) => raw.close(resolve));
    throw storeError(error, file);
  }
  const executor = watchDamage(sqliteExecutor(raw), options.onDamaged);
  const db = new Kysely<never>({
    dialect: new NodeSqliteDialect(
      async () => executor,
      async (connection) => {
        // busy_timeout first, so the pragmas below already wait for a lock instead of failing.
        await connection.executeQuery(CompiledQuery.raw(`PRAGMA busy_timeout = ${busyTimeoutMs}`));
        await connection.executeQuery(CompiledQuery.raw('PRAGMA journal_mode = WAL'));
        await connection.executeQuery(CompiledQuery.raw('PRAGMA foreign_keys = ON'));
        // FULL: a committed receipt survives a power cut (NORMAL in WAL may roll it back).
        await connection.executeQuery(CompiledQuery.raw('PRAGMA synchronous = FULL'));
      },
    ),
  }) as unknown as Db;
  try {
    const version = await userVersion(db);
    if (version > latestVersion)
      throw new AppError('store.newer', `The store ${file} was written by a newer Karakana (schema ${version})`, {
        file,
        version,
      });
    if (migrate) await migrateStore(db, version, toVersion);
    if (migrate && version < toVersion) options.onMigrated?.(version, toVersion);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    // destroy() skips a connection whose setup failed (damaged or locked file): let go of the file here.
    await Promise.resolve(executor.close()).catch(() => undefined);
    throw storeError(error, file);
  }
  return { db, file, close: () => db.destroy() };
}

/**
 * Read before the connection's pragmas write anything (WAL mode changes the file's header): another
 * program's database is left as found. A database of no tables holds nothing to lose, and is what
 * a first start cut short (a power cut, a full disk during the first migration) leaves: it is set up.
 */
async function recogniseStore(raw: sqlite3.Database, file: string): Promise<void> {
  const tables = await new Promise<{ name: string }[]>((resolve, reject) =>
    raw.all("SELECT name FROM sqlite_master WHERE type = 'table'", (err, rows) => (err ? reject(err) : resolve(rows as { name: string }[]))),
  );
  if (tables.length > 0 && !tables.some((t) => t.name === 'events')) throw foreignFile(file, 'database');
}

function watchDamage(executor: IGenericSqlite<sqlite3.Database>, onDamaged: StoreOptions['onDamaged']): IGenericSqlite<sqlite3.Database> {
  if (!onDamaged) return executor;
  return {
    ...executor,
    async query(...args) {
      try {
        return await executor.query(...args);
      } catch (error) {
        if (isDamage(error)) onDamaged(error);
        throw error;
      }
    },
  };
}

export async function userVersion(db: Db): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return rows[0]?.user_version ?? 0;
}

async function migrateStore(db: Db, from: number, to: number): Promise<void> {
  const pending = migrations.filter((m) => m.version > from && m.version <= to);
  if (pending.length === 0) return;
  // All pending migrations in one transaction: a store is at one released version or another, never between.
  await db.transaction().execute(async (trx) => {
    for (const migration of pending) {
      await migration.up(trx as unknown as Kysely<unknown>);
      await sql.raw(`PRAGMA user_version = ${migration.version}`).execute(trx);
    }
  });
}
