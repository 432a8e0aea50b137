import type { sqlite3 } from '../../db/dialect';
import { all, exec } from './rawSql';

export interface SecondaryIndex {
  name: string;
  sql: string;
}

/**
 * The lots and events indexes the migrations created (not the PRIMARY KEY / UNIQUE ones, which
 * SQLite owns), read from the schema so the bench follows any later migration.
 */
export function secondaryIndexes(raw: sqlite3.Database): Promise<SecondaryIndex[]> {
  return all<SecondaryIndex>(
    raw,
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('lots', 'events') ORDER BY name`,
  );
}

export async function dropIndexes(raw: sqlite3.Database, indexes: readonly SecondaryIndex[]): Promise<void> {
  for (const index of indexes) await exec(raw, `DROP INDEX ${index.name}`);
}

/** Building an index once from sorted rows beats updating it row by row across millions of inserts. */
export async function createIndexes(raw: sqlite3.Database, indexes: readonly SecondaryIndex[]): Promise<void> {
  for (const index of indexes) await exec(raw, index.sql);
}
