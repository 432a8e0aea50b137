import { sql } from 'kysely';
import { expect } from 'vitest';
import { lotStates, type Db } from '../schema';

// What a migration's fixture is (migrations.test.ts runs them all), and the tools fixtures use.

export interface Fixture {
  /** Rows a store at the previous version holds, as that release's raw SQL would have written them. */
  dataBefore: string[];
  /** After the migration: the data is still there and the schema has what this version adds. */
  check(db: Db): Promise<void>;
}

export const exec = (db: Db, statement: string) => sql.raw(statement).execute(db);

export async function refusedBy(db: Db, statement: string): Promise<string> {
  const error = await exec(db, statement).then(
    () => null,
    (e: unknown) => e as Error & { code?: string },
  );
  expect(error, `the store accepted: ${statement}`).not.toBeNull();
  expect(error!.code).toBe('SQLITE_CONSTRAINT');
  return error!.message;
}

/** How SQLite would run a query: its EXPLAIN QUERY PLAN lines, joined. */
export async function queryPlan(db: Db, query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
  const { rows } = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(query.sql)}`.execute(db);
  return rows.map((r) => r.detail).join(' | ');
}

export const zeroStates = (except: Partial<Record<(typeof lotStates)[number], number>>) =>
  lotStates.map((s) => except[s] ?? 0).join(', ');

