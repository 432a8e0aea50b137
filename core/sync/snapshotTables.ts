import { sql } from 'kysely';
import type { Db, Trx } from '../db/schema';

/**
 * What belongs to one store and never travels in a snapshot: its own identity and sessions, its
 * devices and printers and their queue, the log (which follows as history), and sync's own books.
 */
const ownTables = new Set(['station', 'sessions', 'devices', 'printer_setups', 'print_jobs', 'events']);
const own = (name: string) => ownTables.has(name) || /^(sync_|upstream_|sqlite_|kysely_)/.test(name);

/** The tables of the store's schema a snapshot carries, in the order they were created (a referenced table before those referring to it). */
export async function snapshotTables(db: Db | Trx): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM main.sqlite_schema WHERE type = 'table' ORDER BY rowid`.execute(db);
  return rows.map((r) => r.name).filter((name) => !own(name));
}
