import { sql } from 'kysely';
import type { Db, Trx } from '../db/schema';
import { features } from '../features';

/**
 * What belongs to one store and never travels in a snapshot: the tables each feature declares its
 * own (core/features.ts: this station's identity, sessions, devices, printers and their queue, sync's
 * own books), the log (which follows as history), and SQLite's and the migrations' books.
 */
const own = (name: string) =>
  name === 'events' || /^(sqlite_|kysely_)/.test(name) || features.some((feature) => feature.ownTables?.some((table) => (typeof table === 'string' ? table === name : table.test(name))));

/** The tables of the store's schema a snapshot carries, in the order they were created (a referenced table before those referring to it). */
export async function snapshotTables(db: Db | Trx): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM main.sqlite_schema WHERE type = 'table' ORDER BY rowid`.execute(db);
  return rows.map((r) => r.name).filter((name) => !own(name));
}
