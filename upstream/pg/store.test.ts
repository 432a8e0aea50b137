import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { lotStates, type Db } from '../../core/db/schema';
import { openStore } from '../../core/db/store';
import { attempt } from '../../core/sync/apply';
import { tempStoreFile } from '../../core/testing/tempStore';
import { pgLatestVersion, pgMigrations, pgSchemaVersion } from './migrations';
import { openPgStore } from './store';
import { freshPgUrl } from './testing';

// The upstream's PostgreSQL schema refuses what the SQLite schema refuses, and holds what it holds.
// Needs KARAKANA_TEST_PG (upstream/pg/testing.ts says how); fails without it, never skips.

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function pgDb(url?: string, toVersion?: number): Promise<Db> {
  const store = await openPgStore(url ?? (await freshPgUrl()), { toVersion });
  closers.push(store.close);
  return store.db;
}

async function sqliteDb(): Promise<Db> {
  const store = await openStore(tempStoreFile());
  closers.push(store.close);
  return store.db;
}

const exec = (db: Db, statement: string) => sql.raw(statement).execute(db);

async function refusedBy(db: Db, statement: string): Promise<{ code: string; constraint?: string }> {
  const error = await exec(db, statement).then(
    () => null,
    (e: unknown) => e as { code: string; constraint?: string },
  );
  expect(error, `the store accepted: ${statement}`).not.toBeNull();
  return error!;
}

const zeroStates = (except: Partial<Record<(typeof lotStates)[number], number>>) => lotStates.map((s) => except[s] ?? 0).join(', ');

const artisan = `INSERT INTO artisans VALUES ('A-00001', 'Nyaboke Omari', '+254711111111', 'Kisii', '2024-01-10')`;
const design = `INSERT INTO designs VALUES ('BR-CUF-001', 'Maasai Spiral Cuff', '["brass"]', '["polished"]', 38, 4, 42, '[]')`;
const lot = (id: string, received: number, states: string) =>
  `INSERT INTO lots (id, design_sku, artisan_id, finish, delivery_code, received_qty, received_weight_g, received_at, received_by, station, updated_at, ${lotStates.join(', ')})
   VALUES ('${id}', 'BR-CUF-001', 'A-00001', 'polished', NULL, ${received}, NULL, '2026-03-01T08:00:00Z', 'u1', 'R1', '2026-03-01T08:00:00Z', ${states})`;
const event = (id: string, station: string, seq: number, upstreamSeq: number | null) =>
  `INSERT INTO events (id, station, seq, type, lot_id, payload, user_id, at, upstream_seq, local)
   VALUES ('${id}', '${station}', ${seq}, 'lot.received', NULL, '{}', 'u1', '2026-03-01T08:00:00Z', ${upstreamSeq ?? 'NULL'}, 0)`;

describe("the upstream's PostgreSQL store", () => {
  it('refuses a lot whose pieces do not add up to what was received', async () => {
    const db = await pgDb();
    await exec(db, artisan);
    await exec(db, design);
    await exec(db, lot('L-26-R1-000001', 40, zeroStates({ in_qc: 30, returned: 10 })));
    expect(await refusedBy(db, lot('L-26-R1-000002', 40, zeroStates({ in_qc: 30 })))).toMatchObject({ code: '23514', constraint: 'lots_balance' });
    expect(await refusedBy(db, lot('L-26-R1-000003', 40, zeroStates({ in_qc: 50, returned: -10 })))).toMatchObject({ code: '23514' });
    expect(await refusedBy(db, lot('L-26-R1-000004', 0, zeroStates({})))).toMatchObject({ code: '23514' });
    expect(await refusedBy(db, `UPDATE lots SET in_qc = in_qc - 5 WHERE id = 'L-26-R1-000001'`)).toMatchObject({ code: '23514', constraint: 'lots_balance' });
    // A lot of an unknown design is refused.
    expect(await refusedBy(db, lot('L-26-R1-000005', 40, zeroStates({ in_qc: 40 })).replace("'BR-CUF-001'", "'XX-NONE-000'"))).toMatchObject({ code: '23503' });
    expect(await db.selectFrom('lots').select(['id', 'in_qc', 'returned']).execute()).toEqual([{ id: 'L-26-R1-000001', in_qc: 30, returned: 10 }]);
  });

  it('never gives two events the same place in the upstream order, nor one station two events with one number', async () => {
    const db = await pgDb();
    await exec(db, event('e1', 'R1', 1, 1));
    await exec(db, event('e2', 'R1', 2, null));
    await exec(db, event('e3', 'Q1', 1, null));
    expect(await refusedBy(db, event('e4', 'Q1', 2, 1))).toMatchObject({ code: '23505', constraint: 'events_upstream_order' });
    expect(await refusedBy(db, `UPDATE events SET upstream_seq = 1 WHERE id = 'e2'`)).toMatchObject({ code: '23505', constraint: 'events_upstream_order' });
    expect(await refusedBy(db, event('e5', 'R1', 2, null))).toMatchObject({ code: '23505' });
    expect(await refusedBy(db, `UPDATE events SET status = 'lost' WHERE id = 'e1'`)).toMatchObject({ code: '23514' });
  });

  it("turns a refusal inside an upstream's attempt into sync.constraint and carries on, as on SQLite", async () => {
    for (const db of [await pgDb(), await sqliteDb()]) {
      await exec(db, event('e1', 'R1', 1, 1));
      const refusal = await db.transaction().execute(async (trx) => {
        const error = await attempt(trx, async () => void (await exec(trx as unknown as Db, event('e2', 'R1', 2, 1))));
        await exec(trx as unknown as Db, event('e3', 'R1', 3, 2)); // the transaction is still usable
        return error;
      });
      expect(refusal).toMatchObject({ code: 'sync.constraint' });
      expect((await db.selectFrom('events').select('id').orderBy('id').execute()).map((e) => e.id)).toEqual(['e1', 'e3']);
    }
  });

  it('refuses a second user whose name differs only in case', async () => {
    const db = await pgDb();
    const user = (id: string, username: string) => `INSERT INTO users (id, username, name, roles, pin_hash) VALUES ('${id}', '${username}', 'Grace', '[]', 'x')`;
    await exec(db, user('u1', 'grace'));
    expect(await refusedBy(db, user('u2', 'Grace'))).toMatchObject({ code: '23505', constraint: 'users_username' });
  });

  it('orders ids byte by byte and gives counts and sequences as numbers, as SQLite does', async () => {
    const ids = ['a-1', 'L-26-R10-00001', 'L-26-R1-000010', 'B', 'b', 'L-26-R1-000002'];
    const seen: unknown[] = [];
    for (const db of [await sqliteDb(), await pgDb()]) {
      for (const [i, id] of ids.entries()) await exec(db, event(id, 'R1', i + 1, 2 ** 40 + i));
      const counted = await db.selectFrom('events').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('upstream_seq').as('head'), eb.fn.max('seq').as('seq')]).executeTakeFirstOrThrow();
      const ordered = await db.selectFrom('events').select(['id', 'upstream_seq']).where('id', '>', 'L-26-R1-000002').orderBy('id').execute();
      seen.push({ counted, ordered });
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0]).toEqual({
      counted: { n: 6, head: 2 ** 40 + 5, seq: 6 },
      ordered: [
        { id: 'L-26-R1-000010', upstream_seq: 2 ** 40 + 2 },
        { id: 'L-26-R10-00001', upstream_seq: 2 ** 40 + 1 },
        { id: 'a-1', upstream_seq: 2 ** 40 },
        { id: 'b', upstream_seq: 2 ** 40 + 4 },
      ],
    });
  });

  it('has every table and column of the SQLite schema except the station-only sync_state and sync_snapshot_*, of the same kind', async () => {
    type Column = { table: string; column: string; kind: string; notNull: boolean };
    const kind = (type: string) => (/int/i.test(type) ? 'integer' : /real|double/i.test(type) ? 'real' : 'text');
    const stationOnly = ['sync_state', 'sync_snapshot_parts', 'sync_snapshot_lots'];
    const lite = await sqliteDb();
    const tables = await lite.selectFrom(sql<{ name: string; type: string }>`sqlite_master`.as('m')).select('name').where('type', '=', 'table').execute();
    const expected: Column[] = [];
    for (const { name } of tables.filter((t) => !stationOnly.includes(t.name))) {
      const { rows } = await sql<{ name: string; type: string; notnull: number; pk: number }>`SELECT * FROM pragma_table_info(${name})`.execute(lite);
      for (const c of rows) expected.push({ table: name, column: c.name, kind: kind(c.type), notNull: c.notnull === 1 || c.pk > 0 });
    }
    const pg = await pgDb();
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string; collation_name: string | null }>`
      SELECT table_name, column_name, data_type, is_nullable, collation_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> 'karakana_schema'`.execute(pg);
    const actual: Column[] = rows.map((c) => ({ table: c.table_name, column: c.column_name, kind: kind(c.data_type), notNull: c.is_nullable === 'NO' }));
    const sort = (columns: Column[]) => columns.map((c) => `${c.table}.${c.column} ${c.kind}${c.notNull ? ' NOT NULL' : ''}`).sort();
    // A difference here: a SQLite migration changed what the upstream stores; add its twin to upstream/pg/migrations.ts.
    expect(sort(actual)).toEqual(sort(expected));
    expect(rows.filter((c) => c.data_type === 'text' && c.collation_name !== 'C')).toEqual([]);
  });

  it('applies its migrations in order, recording each, and refuses a schema from a newer Karakana', async () => {
    expect(pgMigrations.map((m) => m.version)).toEqual(pgMigrations.map((_, i) => i + 1));
    const url = await freshPgUrl();
    const first = await pgDb(url, 1);
    expect(await pgSchemaVersion(first)).toBe(1);
    await exec(first, event('e1', 'R1', 1, 1));
    const latest = await pgDb(url);
    expect(await pgSchemaVersion(latest)).toBe(pgLatestVersion);
    expect(await latest.selectFrom('events').select('id').execute()).toEqual([{ id: 'e1' }]);
    await exec(latest, `INSERT INTO karakana_schema (version, name, applied_at) VALUES (${pgLatestVersion + 1}, 'future', 'now')`);
    await expect(openPgStore(url)).rejects.toMatchObject({ code: 'store.newer', params: { version: pgLatestVersion + 1 } });
  });

  it('leaves the schema at the version it had when a migration fails', async () => {
    const url = await freshPgUrl();
    await pgDb(url);
    pgMigrations.push({
      version: pgLatestVersion + 1,
      name: 'broken',
      async up(db) {
        await sql`CREATE TABLE half_done (id INTEGER)`.execute(db);
        throw new Error('disk full');
      },
    });
    try {
      await expect(openPgStore(url, { toVersion: pgLatestVersion + 1 })).rejects.toMatchObject({ code: 'store.cantOpen', message: expect.stringMatching(/disk full/) });
    } finally {
      pgMigrations.pop();
    }
    const db = await pgDb(url);
    expect(await pgSchemaVersion(db)).toBe(pgLatestVersion);
    const { rows } = await sql<{ present: boolean }>`SELECT to_regclass('half_done') IS NOT NULL AS present`.execute(db);
    expect(rows[0]!.present).toBe(false);
  });

  it('says which database it cannot open, without its password', async () => {
    const url = new URL(await freshPgUrl());
    url.password = 'not-the-password';
    const error = await openPgStore(url.href).then(
      () => null,
      (e: unknown) => e as { code: string; message: string; params: Record<string, string> },
    );
    expect(error).toMatchObject({ code: 'store.cantOpen', params: { file: expect.stringContaining(':***@') } });
    expect(error!.message).not.toContain('not-the-password');
  });
});
