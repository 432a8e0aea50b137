import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../../core/kernel/errors';
import type { DB } from '../../core/db/schema';
import { openStore, type Store } from '../../core/db/store';
import { migratePg } from './migrations';

// Where an upstream keeps its store: a SQLite file (the default, a Karakana store like a
// station's) or a PostgreSQL database given by its connection string. Either way the upstream
// gets the same Store (a Kysely<DB>), and the same projections run on it.

export type UpstreamTarget = { file: string } | { pg: string };

const int8 = 20;

/** BIGINT (sequences, count(*), max() over them) as a number, as SQLite gives it; never silently rounded. */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`PostgreSQL returned ${value}, beyond the whole numbers this upstream handles`);
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The connection string without its password, for messages and logs. */
export function pgLabel(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return url.replace(/password=\S*/gi, 'password=***');
  }
}

function pgStoreError(error: unknown, label: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  const reason = error instanceof Error ? error.message : String(error);
  // 57P03: the server is starting up; 08xxx: connection failures; 28xxx: wrong user or password;
  // 3D000: no such database; plus the socket's own codes (ECONNREFUSED, ENOTFOUND...).
  return new AppError('store.cantOpen', `The store ${label} cannot be opened (${code ? `${code}: ` : ''}${reason})`, { file: label });
}

/** An upstream's store in PostgreSQL: connects, brings the schema up to date, and hands back the Store. */
export async function openPgStore(url: string, options: { toVersion?: number } = {}): Promise<Store> {
  const label = pgLabel(url);
  const pool = new pg.Pool({ connectionString: url, types });
  // An idle connection the server drops (a restart, an administrator) must not take the process down:
  // the pool replaces it, and the query that needs it next reports its own error.
  pool.on('error', (error) => console.error(`upstream: a PostgreSQL connection to ${label} failed: ${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migratePg(db as unknown as Kysely<unknown>, label, options.toVersion);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw pgStoreError(error, label);
  }
  return { db, file: label, close: () => db.destroy() };
}

export function openUpstreamStore(target: UpstreamTarget): Promise<Store> {
  return 'pg' in target ? openPgStore(target.pg) : openStore(target.file);
}
