import type { sqlite3 } from '../../db/dialect';

// Promise forms of node-sqlite3's callbacks, for the seeding connection that bypasses Kysely.

export function exec(raw: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => raw.exec(sql, (err) => (err ? reject(err) : resolve())));
}

export function run(raw: sqlite3.Database, sql: string, params: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => raw.run(sql, params, (err) => (err ? reject(err) : resolve())));
}

export function get<T>(raw: sqlite3.Database, sql: string): Promise<T> {
  return new Promise((resolve, reject) => raw.get(sql, (err, row) => (err ? reject(err) : resolve(row as T))));
}

export function all<T>(raw: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => raw.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
}
