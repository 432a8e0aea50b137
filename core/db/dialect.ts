import sqlite3 from 'sqlite3';
import { CompiledQuery, type DatabaseConnection, type QueryResult } from 'kysely';
import { GenericSqliteDialect, GenericSqliteDriver, type IGenericSqlite } from 'kysely-generic-sqlite';

// kysely-generic-sqlite gives the dialect (one connection behind a mutex, savepoints); this file
// adapts node-sqlite3's callback API to it. Writes begin IMMEDIATE so that a second process on
// the same file (the CLI next to a running station) waits on busy_timeout instead of failing
// halfway through a transaction when its read lock cannot be upgraded.

function all(db: sqlite3.Database, sql: string, params: readonly unknown[]): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    db.all(sql, params as unknown[], (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}

function run(db: sqlite3.Database, sql: string, params: readonly unknown[]): Promise<{ changes: number; lastID: number }> {
  return new Promise((resolve, reject) => {
    db.run(sql, params as unknown[], function (this: sqlite3.RunResult, err: Error | null) {
      if (err) reject(err);
      else resolve({ changes: this.changes, lastID: this.lastID });
    });
  });
}

const readsRows = /^\s*(select|with|pragma|explain|values)\b|\breturning\b/i;

export function sqliteExecutor(db: sqlite3.Database): IGenericSqlite<sqlite3.Database> {
  return {
    db,
    async query(isSelect, sql, parameters = []): Promise<QueryResult<unknown>> {
      if (isSelect || readsRows.test(sql)) return { rows: await all(db, sql, parameters) };
      const { changes, lastID } = await run(db, sql, parameters);
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastID) };
    },
    close: () => new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve()))),
  };
}

class ImmediateDriver extends GenericSqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class NodeSqliteDialect extends GenericSqliteDialect {
  constructor(open: () => Promise<IGenericSqlite>, onCreate: (c: DatabaseConnection) => Promise<void>) {
    super(open, onCreate);
    this.createDriver = () => new ImmediateDriver(open, onCreate);
  }
}

export function openSqlite(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

export { sqlite3 };
