import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db, Trx } from '../core/db/schema';
import { openStore, type Store } from '../core/db/store';
import { snapshotTables } from '../core/sync/snapshotTables';

// The snapshot a new station starts from: the upstream's current state (reference data, users,
// lots and their counts, orders, notices, every table its projections write, less what belongs to
// one store) as of one place in its log, in a SQLite file of the station's own schema, gzipped and
// served in byte ranges so a download cut anywhere resumes where it stopped. It holds the one event
// at that place, so the station's first pull from there finds it where it expects it. Built in one
// read transaction: a consistent state while pushes go on.

export interface Snapshot {
  id: string;
  /** The place in the upstream's log the state stands at. */
  seq: number;
  bytes: number;
  sha256: string;
  file: string;
  builtAt: number;
}

const columnsOf = async (db: Db | Trx, table: string, schema = 'main') =>
  (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}, ${schema})`.execute(db)).rows.map((r) => r.name);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Copies a SQLite upstream's state into the snapshot store, in SQL, in one read transaction over the attached upstream. */
async function copyFromSqlite(snap: Store, upstreamFile: string): Promise<void> {
  await sql`ATTACH DATABASE ${upstreamFile} AS up`.execute(snap.db);
  try {
    // A deferred transaction: it reads the upstream from one WAL snapshot without ever locking it
    // for writing (BEGIN IMMEDIATE would take every attached database's write lock, holding up pushes).
    await inDeferredTransaction(snap.db, async (trx) => {
      for (const table of await snapshotTables(trx)) {
        const upColumns = new Set(await columnsOf(trx, table, 'up'));
        const columns = (await columnsOf(trx, table)).filter((c) => upColumns.has(c)).map(quote).join(', ');
        if (!columns) continue;
        await sql.raw(`DELETE FROM main.${quote(table)}`).execute(trx);
        await sql.raw(`INSERT INTO main.${quote(table)} (${columns}) SELECT ${columns} FROM up.${quote(table)}`).execute(trx);
      }
      await sql`INSERT INTO main.events (id, station, seq, type, lot_id, payload, user_id, at, upstream_seq, status, local)
        SELECT id, station, seq, type, lot_id, payload, user_id, at, upstream_seq, 'applied', 0 FROM up.events
        WHERE upstream_seq = (SELECT max(upstream_seq) FROM up.events WHERE upstream_seq IS NOT NULL)`.execute(trx);
    });
  } finally {
    await sql`DETACH DATABASE up`.execute(snap.db);
  }
}

async function inDeferredTransaction(db: Db, work: (db: Db) => Promise<void>): Promise<void> {
  await sql`BEGIN DEFERRED`.execute(db);
  try {
    await work(db);
    await sql`COMMIT`.execute(db);
  } catch (error) {
    await sql`ROLLBACK`.execute(db).catch(() => undefined);
    throw error;
  }
}

/** The same from PostgreSQL: each table read through a cursor inside one REPEATABLE READ transaction. */
async function copyFromPg(snap: Store, upstream: Db): Promise<void> {
  const page = 2000;
  const tables = await snapshotTables(snap.db);
  await upstream.transaction().setIsolationLevel('repeatable read').execute(async (from) => {
    await snap.db.transaction().execute(async (to) => {
      for (const table of [...tables, 'events']) {
        const { rows: pgColumns } = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`.execute(from);
        const present = new Set(pgColumns.map((c) => c.column_name));
        const columns = (await columnsOf(to, table)).filter((c) => present.has(c));
        if (!columns.length) continue;
        const list = columns.map(quote).join(', ');
        const where = table === 'events' ? ' WHERE upstream_seq = (SELECT max(upstream_seq) FROM events WHERE upstream_seq IS NOT NULL)' : '';
        if (table !== 'events') await sql.raw(`DELETE FROM ${quote(table)}`).execute(to);
        await sql.raw(`DECLARE snapshot_rows NO SCROLL CURSOR FOR SELECT ${list} FROM ${quote(table)}${where}`).execute(from);
        const perInsert = Math.max(1, Math.floor(30_000 / columns.length));
        for (;;) {
          const { rows } = await sql.raw<Record<string, unknown>>(`FETCH ${page} FROM snapshot_rows`).execute(from);
          if (!rows.length) break;
          for (let i = 0; i < rows.length; i += perInsert) {
            const piece = rows.slice(i, i + perInsert).map((r) => sql`(${sql.join(columns.map((c) => r[c]))})`);
            await sql`INSERT INTO ${sql.table(table)} (${sql.raw(list)}) VALUES ${sql.join(piece)}`.execute(to);
          }
        }
        await sql.raw('CLOSE snapshot_rows').execute(from);
      }
    });
  });
}

/** Gzips a file into another, and the sha256 and size of what was written. */
async function gzipFile(from: string, to: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), createGzip({ level: 6 }), tap, createWriteStream(to));
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Keeps the upstream's snapshots: one is built when a station asks and none recent enough is at
 * hand, and kept while stations may still be downloading it (the newest two).
 */
export class Snapshots {
  private readonly kept: Snapshot[] = [];
  /** Beside a SQLite store (FILE.snapshots/), in the temporary folder for PostgreSQL; emptied at each start. */
  private readonly folder: string;
  private building: Promise<Snapshot | null> | null = null;

  constructor(
    private readonly store: Store,
    private readonly pg: boolean,
    /** A snapshot younger than this is handed out again instead of building another. */
    private readonly reuseMs = 60_000,
  ) {
    this.folder = pg ? path.join(os.tmpdir(), `karakana-snapshots-${process.pid}-${randomUUID().slice(0, 8)}`) : `${store.file}.snapshots`;
    // What a process killed mid-build or mid-download left behind is of no use: a station asks again.
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** The newest snapshot, built now if none is recent or it stands before `atLeast`; null when the log is empty (a station then just pulls it). */
  async latest(head: number, atLeast = 0): Promise<Snapshot | null> {
    const newest = this.kept[this.kept.length - 1];
    if (newest && newest.seq >= atLeast && (newest.seq === head || Date.now() - newest.builtAt < this.reuseMs)) return newest;
    this.building ??= this.build().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  get(id: string): Snapshot | null {
    return this.kept.find((s) => s.id === id) ?? null;
  }

  /** Up to `limit` bytes of a snapshot's gzip from `offset`. */
  async read(snapshot: Snapshot, offset: number, limit: number): Promise<Buffer> {
    const file = await open(snapshot.file, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, Math.min(limit, snapshot.bytes - offset)));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  close(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }

  private async build(): Promise<Snapshot | null> {
    mkdirSync(this.folder, { recursive: true });
    const id = randomUUID();
    const plain = path.join(this.folder, `${id}.db`);
    const snap = await openStore(plain);
    let seq = 0;
    try {
      await sql`PRAGMA journal_mode = DELETE`.execute(snap.db);
      await sql`PRAGMA synchronous = OFF`.execute(snap.db);
      // A copy of a consistent state: what refers to what already holds.
      await sql`PRAGMA foreign_keys = OFF`.execute(snap.db);
      // A station reads each table once, whole: the file needs no index (smaller, and built faster).
      const { rows: indexes } = await sql<{ name: string }>`SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`.execute(snap.db);
      for (const index of indexes) await sql.raw(`DROP INDEX "${index.name}"`).execute(snap.db);
      if (this.pg) await copyFromPg(snap, this.store.db);
      else await copyFromSqlite(snap, this.store.file);
      const last = await snap.db.selectFrom('events').select('upstream_seq').executeTakeFirst();
      seq = last?.upstream_seq ?? 0;
    } finally {
      await snap.close();
    }
    if (seq === 0) {
      rmSync(plain, { force: true });
      return null;
    }
    const file = `${plain}.gz`;
    const { bytes, sha256 } = await gzipFile(plain, file);
    rmSync(plain, { force: true });
    const snapshot: Snapshot = { id, seq, bytes, sha256, file, builtAt: Date.now() };
    if (statSync(file).size !== bytes) throw new Error(`The snapshot ${file} was not written whole`);
    this.kept.push(snapshot);
    while (this.kept.length > 2) rmSync(this.kept.shift()!.file, { force: true });
    return snapshot;
  }
}
