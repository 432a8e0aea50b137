import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import { AppError } from '../kernel/errors';
import type { Db, Trx } from '../db/schema';
import { chunks } from '../db/batch';
import { passSnapshotLotNumbers } from '../lots/service';
import { pull, snapshot, snapshotPart, type UpstreamLink } from './client';
import { maxPullPage } from './protocol';
import { keepSnapshotLots } from './snapshotLots';
import { snapshotTables } from './snapshotTables';
import { ownStationCode, settleHistory } from './store';
import { toRow } from './wire';

// A new station's first load: the upstream's state as of one place in its log (a snapshot), then
// the log from there on as usual. The snapshot's gzip arrives in parts kept in the store, so a
// crash or a cut resumes where it stopped; once whole and checked, it replaces this store's state
// in one transaction and the cursor stands at its place: the station is usable. The events before
// that place (its history) follow in the background, stored without being applied again.

/** Whether this station starts from a snapshot: no place in the upstream's log yet, and nothing from elsewhere in its store. */
export async function wantsSnapshot(db: Db): Promise<boolean> {
  const state = await db.selectFrom('sync_state').select(['cursor']).executeTakeFirst();
  if (!state || state.cursor !== 0) return false;
  return !(await db.selectFrom('events').select('id').where('local', '=', 0).executeTakeFirst());
}

async function forgetDownload(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sync_snapshot_parts').execute();
    await trx.updateTable('sync_state').set({ snapshot_id: null, snapshot_bytes: null, snapshot_sha256: null }).execute();
  });
}

/** How far the snapshot under way has come, in bytes of its gzip; null when none is under way. */
export async function snapshotProgress(db: Db): Promise<{ received: number; bytes: number } | null> {
  const state = await db.selectFrom('sync_state').select(['snapshot_id', 'snapshot_bytes']).executeTakeFirst();
  if (!state?.snapshot_id || !state.snapshot_bytes) return null;
  const { rows } = await sql<{ received: number | null }>`SELECT sum(length(data)) AS received FROM sync_snapshot_parts`.execute(db);
  return { received: Number(rows[0]?.received ?? 0), bytes: state.snapshot_bytes };
}

/**
 * Downloads the snapshot (resuming one under way) and loads it. False when the upstream has none
 * (its log is empty: the station just pulls). A snapshot the upstream no longer holds (it
 * restarted, or built newer ones) is started again; one that arrives damaged is refused.
 */
export async function loadSnapshot(
  db: Db,
  link: UpstreamLink,
  sameUpstream: (id: string) => void,
  options: { partBytes?: number; onProgress?: (received: number, bytes: number) => void } = {},
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    let state = await db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
    if (!state.snapshot_id) {
      // This station's own events the upstream already placed must be in the snapshot: they are never applied again.
      const placed = await db.selectFrom('events').select((eb) => eb.fn.max('upstream_seq').as('seq')).where('upstream_seq', 'is not', null).executeTakeFirst();
      const { data } = await snapshot(link, Number(placed?.seq ?? 0));
      sameUpstream(data.upstreamId);
      if (!data.snapshot) return false;
      const { id, bytes, sha256, seq } = data.snapshot;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('sync_snapshot_parts').execute();
        await trx.updateTable('sync_state').set({ snapshot_id: id, snapshot_bytes: bytes, snapshot_sha256: sha256, snapshot_seq: seq }).execute();
      });
      state = await db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow();
    }
    const { snapshot_id: id, snapshot_bytes: bytes } = state as { snapshot_id: string; snapshot_bytes: number };
    let received = (await snapshotProgress(db))?.received ?? 0;
    try {
      while (received < bytes) {
        const { data } = await snapshotPart(link, id, received, options.partBytes);
        if (data.length === 0 || received + data.length > bytes) throw new AppError('sync.badResponse', `The upstream sent ${data.length} bytes of a snapshot at ${received} of ${bytes}`, { url: link.url });
        await db.insertInto('sync_snapshot_parts').values({ offset: received, data }).execute();
        received += data.length;
        options.onProgress?.(received, bytes);
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'sync.snapshotGone' && attempt < 2) {
        await forgetDownload(db);
        continue;
      }
      throw error;
    }
    await applySnapshot(db, state.snapshot_sha256!, state.snapshot_seq!, link);
    return true;
  }
}

/** Checks the downloaded gzip, unpacks it beside the temporary files, and makes it this store's state. */
async function applySnapshot(db: Db, sha256: string, seq: number, link: UpstreamLink): Promise<void> {
  const parts = await db.selectFrom('sync_snapshot_parts').select('data').orderBy('offset').execute();
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part.data);
  if (hash.digest('hex') !== sha256) {
    await forgetDownload(db);
    throw new AppError('sync.badResponse', 'The snapshot arrived damaged; it is downloaded again', { url: link.url });
  }
  const file = path.join(os.tmpdir(), `karakana-snapshot-${randomUUID()}.db`);
  try {
    await pipeline(Readable.from(parts.map((p) => Buffer.from(p.data))), createGunzip(), createWriteStream(file));
    await sql`ATTACH DATABASE ${file} AS snap`.execute(db);
    try {
      await db.transaction().execute(async (trx) => {
        // The state is replaced table by table: what refers to what holds again at the commit.
        await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
        const theirs = new Set((await sql<{ name: string }>`SELECT name FROM snap.sqlite_schema WHERE type = 'table'`.execute(trx)).rows.map((r) => r.name));
        for (const table of await snapshotTables(trx)) {
          if (!theirs.has(table)) continue;
          const columns = await commonColumns(trx, table);
          // A table's indexes are built again once it is filled: sorting once is far cheaper than a million inserts into each.
          const { rows: indexes } = await sql<{ name: string; sql: string }>`SELECT name, sql FROM main.sqlite_schema WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`.execute(trx);
          for (const index of indexes) await sql.raw(`DROP INDEX main."${index.name}"`).execute(trx);
          await sql.raw(`DELETE FROM main."${table}"`).execute(trx);
          if (columns) await sql.raw(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM snap."${table}"`).execute(trx);
          for (const index of indexes) await sql.raw(index.sql).execute(trx);
        }
        // Each lot as the snapshot has it, with what goes with it: where a recomputation starts until the lot's history is here.
        await keepSnapshotLots(trx);
        await passSnapshotLotNumbers(trx, await ownStationCode(trx));
        await sql`INSERT OR IGNORE INTO main.events (id, station, seq, type, lot_id, payload, user_id, at, upstream_seq, status, local)
          SELECT id, station, seq, type, lot_id, payload, user_id, at, upstream_seq, 'applied', 0 FROM snap.events`.execute(trx);
        await trx.deleteFrom('sync_snapshot_parts').execute();
        await trx
          .updateTable('sync_state')
          .set({ cursor: seq, snapshot_seq: seq, history_cursor: 0, snapshot_id: null, snapshot_bytes: null, snapshot_sha256: null })
          .execute();
      });
    } finally {
      await sql`DETACH DATABASE snap`.execute(db);
    }
  } finally {
    rmSync(file, { force: true });
  }
}

async function commonColumns(trx: Trx, table: string): Promise<string> {
  const names = async (schema: string) => (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}, ${schema})`.execute(trx)).rows.map((r) => r.name);
  const theirs = new Set(await names('snap'));
  return (await names('main')).filter((c) => theirs.has(c)).map((c) => `"${c}"`).join(', ');
}

/**
 * Brings up to `pages` pages of the history before the snapshot's place: stored as facts (the
 * digest counts them, a lot's page lists them), never applied, since the snapshot holds their
 * effect. Returns how many events arrived; once all have, the snapshot's lots are let go.
 */
export async function pullHistory(db: Db, link: UpstreamLink, pages: number, pageSize = maxPullPage): Promise<number> {
  let arrived = 0;
  for (let page = 0; page < pages; page++) {
    const state = await db.selectFrom('sync_state').select(['snapshot_seq', 'history_cursor']).executeTakeFirstOrThrow();
    const until = state.snapshot_seq;
    const from = state.history_cursor ?? 0;
    if (until === null || from >= until) break;
    const { data } = await pull(link, from, Math.min(pageSize, until - from));
    if (!('events' in data)) break;
    const events = data.events.filter((e) => e.upstreamSeq > from && e.upstreamSeq <= until);
    const next = events.length && data.next < until ? events[events.length - 1]!.upstreamSeq : until;
    await db.transaction().execute(async (trx) => {
      const known = new Set<string>();
      for (const ids of chunks(events.map((e) => e.id)))
        for (const row of await trx.selectFrom('events').select('id').where('id', 'in', ids).execute()) known.add(row.id);
      const rows = events.filter((e) => !known.has(e.id)).map((e) => ({ ...toRow(e), upstream_seq: e.upstreamSeq }));
      for (const piece of chunks(rows, 200)) await trx.insertInto('events').values(piece).execute();
      arrived += rows.length;
      await trx.updateTable('sync_state').set({ history_cursor: next }).execute();
      if (next >= until) {
        await trx.deleteFrom('sync_snapshot_lots').execute();
        await settleHistory(trx, until, new Date().toISOString());
      }
    });
  }
  return arrived;
}
