import { sql } from 'kysely';
import packageJson from '../../package.json';
import type { Db } from '../db/schema';

export const appVersion: string = packageJson.version;

/** What runs this station: Karakana, Node, Electron (null under `hq`), SQLite and the machine. */
export async function versions(db: Db) {
  const { rows } = await sql<{ v: string }>`SELECT sqlite_version() AS v`.execute(db);
  return { app: appVersion, node: process.versions.node, electron: process.versions.electron ?? null, sqlite: rows[0]?.v ?? null, platform: `${process.platform} ${process.arch}` };
}
