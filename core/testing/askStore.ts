import sqlite3 from 'sqlite3';

/** A question to a store through SQLite itself, read-only, not through the code under test. */
export async function askStore<T>(file: string, query: string): Promise<T[]> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(opened)));
  });
  try {
    return await new Promise<T[]>((resolve, reject) => db.all(query, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}

/** SQLite's own verdict on a store file: "ok" when whole. */
export const integrity = async (file: string) => (await askStore<{ integrity_check: string }>(file, 'PRAGMA integrity_check'))[0]!.integrity_check;

export const eventCount = async (file: string) => (await askStore<{ n: number }>(file, 'SELECT count(*) AS n FROM events'))[0]!.n;
