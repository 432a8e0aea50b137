import sqlite3 from 'sqlite3';
import { CompiledQuery, type DatabaseConnection, type QueryResult } from 'kysely';
import { GenericSqliteDialect, GenericSqliteDriver, type IGenericSqlite } from 'kysely-generic-sqlite';

// kysely-generic-sqlite gives the dialect (one connection behind a mutex, savepoints); this file
// adapts node-sqlite3's callback API to it, with a cache of prepared statements. Writes begin IMMEDIATE so that a second process on
// the same file (the CLI next to a running station) waits on busy_timeout instead of failing
// halfway through a transaction when its read lock cannot be upgraded.

const readsRows = /^\s*(select|with|pragma|explain|values)\b|\breturning\b/i;
const cacheSize = 256;

/**
 * Each SQL text is prepared once and kept (Kysely emits the same text for the same query shape):
 * db.all/db.run would prepare and finalize on every call, which costs more than the query itself.
 * The least recently used statement is finalized when the cache is full.
 */
export function sqliteExecutor(db: sqlite3.Database): IGenericSqlite<sqlite3.Database> {
  const statements = new Map<string, sqlite3.Statement>();
  let closed = false;
  // node-sqlite3 drops the calls queued on a statement whose prepare failed (a locked or damaged
  // file): wait for the prepare, so its error reaches the caller.
  const prepared = async (sql: string): Promise<sqlite3.Statement> => {
    let statement = statements.get(sql);
    if (statement) statements.delete(sql);
    else {
      statement = await new Promise<sqlite3.Statement>((resolve, reject) => {
        const fresh: sqlite3.Statement = db.prepare(sql, (err: Error | null) => (err ? reject(err) : resolve(fresh)));
      });
      if (statements.size >= cacheSize) {
        const [oldest, evicted] = statements.entries().next().value as [string, sqlite3.Statement];
        statements.delete(oldest);
        evicted.finalize();
      }
    }
    statements.set(sql, statement);
    return statement;
  };
  return {
    db,
    async query(isSelect, sql, parameters = []): Promise<QueryResult<unknown>> {
      const statement = await prepared(sql);
      const params = [...parameters];
      if (isSelect || readsRows.test(sql))
        return { rows: await new Promise<unknown[]>((resolve, reject) => statement.all(params, (err, rows) => (err ? reject(err) : resolve(rows)))) };
      const { changes, lastID } = await new Promise<sqlite3.RunResult>((resolve, reject) =>
        statement.run(params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve(this);
        }),
      );
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastID) };
    },
    async close() {
      if (closed) return;
      closed = true;
      // A query already under way may still prepare (and cache) a statement: finalize, and try
      // again for a moment until the connection lets go.
      for (let attempt = 0; ; attempt++) {
        await Promise.all([...statements.values()].map((s) => new Promise((resolve) => s.finalize(resolve))));
        statements.clear();
        const error = await new Promise<Error | null>((resolve) => db.close((err) => resolve(err)));
        if (!error) return;
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
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
