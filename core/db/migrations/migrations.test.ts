import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { tempStoreFile } from '../../testing/tempStore';
import { lotStates, type Db } from '../schema';
import { openStore, userVersion } from '../store';
import { latestVersion, migrations, type Migration } from './index';
import { exec, refusedBy, zeroStates, type Fixture } from './fixture';

// From schema 5 on, each migration's fixture sits beside it (NNNN_name.fixture.ts), keyed by its number.
const laterFixtures: Record<number, Fixture> = Object.fromEntries(
  Object.entries(import.meta.glob<{ fixture: Fixture }>('./*.fixture.ts', { eager: true })).map(([file, m]) => [Number(/(\d{4})_/.exec(file)![1]), m.fixture]),
);

// Every migration is checked against a store at the version before it, holding data as that
// release wrote it. A new migration needs a new fixture here: the first test below insists.

const fixtures: Record<number, Fixture> = {
  ...laterFixtures,
  1: {
    dataBefore: [], // from an empty file
    async check(db) {
      const tables = await db
        .selectFrom(sql<{ name: string; type: string }>`sqlite_master`.as('m'))
        .select('name')
        .where('type', '=', 'table')
        .execute();
      expect(tables.map((t) => t.name).sort()).toEqual(
        [
          'artisan_orders',
          'artisans',
          'customer_order_lines',
          'customer_orders',
          'delivery_notice_lines',
          'delivery_notices',
          'designs',
          'devices',
          'events',
          'lots',
          'plating_lines',
          'sessions',
          'site_stations',
          'station',
          'users',
        ].sort(),
      );

      await exec(db, `INSERT INTO artisans VALUES ('A-00001', 'Nyaboke Omari', '+254711111111', 'Kisii', '2024-01-10')`);
      await exec(db, `INSERT INTO designs VALUES ('BR-CUF-001', 'Maasai Spiral Cuff', '["brass"]', '["polished"]', 38, 4, 42, '[]')`);
      const lot = (id: string, received: number, states: string) =>
        `INSERT INTO lots (id, design_sku, artisan_id, finish, delivery_code, received_qty, received_weight_g, received_at, received_by, station, updated_at, ${lotStates.join(', ')})
         VALUES ('${id}', 'BR-CUF-001', 'A-00001', 'polished', NULL, ${received}, NULL, '2026-03-01T08:00:00Z', 'u1', 'R1', '2026-03-01T08:00:00Z', ${states})`;

      // A balanced lot is stored; one whose states do not add up to what was received is refused by the store itself.
      await exec(db, lot('L-26-R1-000001', 40, zeroStates({ in_qc: 30, returned: 10 })));
      expect(await refusedBy(db, lot('L-26-R1-000002', 40, zeroStates({ in_qc: 30 })))).toMatch(/CHECK/);
      expect(await refusedBy(db, lot('L-26-R1-000003', 40, zeroStates({ in_qc: 50, returned: -10 })))).toMatch(/CHECK/);
      expect(await refusedBy(db, lot('L-26-R1-000004', 0, zeroStates({})))).toMatch(/CHECK/);
      await expect(exec(db, `UPDATE lots SET in_qc = in_qc - 5 WHERE id = 'L-26-R1-000001'`)).rejects.toThrow(/CHECK/);
      // A lot of an unknown design is refused (foreign keys are on).
      expect(
        await refusedBy(db, lot('L-26-R1-000005', 40, zeroStates({ in_qc: 40 })).replace("'BR-CUF-001'", "'XX-NONE-000'")),
      ).toMatch(/FOREIGN KEY/);
      // One station never has two events with the same number.
      const event = (id: string, seq: number) =>
        `INSERT INTO events (id, station, seq, type, lot_id, payload, user_id, at) VALUES ('${id}', 'R1', ${seq}, 'lot.received', NULL, '{}', 'u1', '2026-03-01T08:00:00Z')`;
      await exec(db, event('e1', 1));
      expect(await refusedBy(db, event('e2', 1))).toMatch(/UNIQUE/);

      expect(await db.selectFrom('lots').select(['id', 'in_qc', 'returned']).execute()).toEqual([
        { id: 'L-26-R1-000001', in_qc: 30, returned: 10 },
      ]);
    },
  },
  2: {
    // A station of release 1 with events it made and one acknowledged by an upstream.
    dataBefore: [
      `INSERT INTO events (id, station, seq, type, lot_id, payload, user_id, at, upstream_seq) VALUES ('e1', 'R1', 1, 'user.added', NULL, '{}', 'u1', '2026-03-01T08:00:00Z', NULL)`,
      `INSERT INTO events (id, station, seq, type, lot_id, payload, user_id, at, upstream_seq) VALUES ('e2', 'R1', 2, 'user.added', NULL, '{}', 'u1', '2026-03-01T08:00:01Z', 7)`,
    ],
    async check(db) {
      // Every event made before sync counts as applied; the pending one is still pending.
      const events = await db.selectFrom('events').select(['id', 'status', 'upstream_seq']).orderBy('id').execute();
      expect(events).toEqual([
        { id: 'e1', status: 'applied', upstream_seq: null },
        { id: 'e2', status: 'applied', upstream_seq: 7 },
      ]);
      expect(await refusedBy(db, `UPDATE events SET status = 'lost' WHERE id = 'e1'`)).toMatch(/CHECK/);
      // Two events can never hold the same place in the upstream's order.
      expect(await refusedBy(db, `UPDATE events SET upstream_seq = 7 WHERE id = 'e1'`)).toMatch(/UNIQUE/);
      // One link to one upstream; what needs attention points at a real event.
      await exec(db, `INSERT INTO sync_state (id, upstream_url, upstream_id, token, enrolled_at) VALUES (1, 'http://hub:4190', 'up-1', 't', '2026-03-02T08:00:00Z')`);
      expect(await refusedBy(db, `INSERT INTO sync_state (id, upstream_url, upstream_id, token, enrolled_at) VALUES (2, 'x', 'y', 'z', 'w')`)).toMatch(/CHECK/);
      expect(await refusedBy(db, `INSERT INTO sync_attention (event_id, kind, reason, params, at) VALUES ('nope', 'rejected', 'lot.notEnough', '{}', 'now')`)).toMatch(
        /FOREIGN KEY/,
      );
    },
  },  3: {
    // A station of release 2 holding a notice waiting at the desk and a lot already received.
    dataBefore: [
      `INSERT INTO artisans VALUES ('A-00001', 'Nyaboke Omari', '+254711111111', 'Kisii', '2024-01-10')`,
      `INSERT INTO designs VALUES ('BR-CUF-001', 'Maasai Spiral Cuff', '["brass"]', '["polished"]', 38, 4, 42, '[]')`,
      `INSERT INTO artisan_orders VALUES ('AO-1', 'A-00001', 'BR-CUF-001', 'polished', 40, 650, '2026-04-01', 'open')`,
      `INSERT INTO delivery_notices VALUES ('DN-26-000101', 'A-00001', '2026-03-01T06:00:00Z', 'expected')`,
      `INSERT INTO delivery_notice_lines VALUES ('DN-26-000101', 1, 'AO-1', 'BR-CUF-001', 40)`,
      `INSERT INTO lots (id, design_sku, artisan_id, finish, delivery_code, received_qty, received_weight_g, received_at, received_by, station, updated_at, in_qc)
       VALUES ('L-26-R1-000001', 'BR-CUF-001', 'A-00001', 'polished', NULL, 40, 1520, '2026-03-01T08:00:00Z', 'u1', 'R1', '2026-03-01T08:00:00Z', 40)`,
    ],
    async check(db) {
      expect(await db.selectFrom('lots').select(['id', 'in_qc', 'artisan_order_id']).execute()).toEqual([{ id: 'L-26-R1-000001', in_qc: 40, artisan_order_id: null }]);
      expect(await db.selectFrom('delivery_notice_lines').select(['notice_code', 'quantity', 'received_lot_id']).execute()).toEqual([
        { notice_code: 'DN-26-000101', quantity: 40, received_lot_id: null },
      ]);
      expect(await db.selectFrom('delivery_notices').select(['status', 'received_by']).execute()).toEqual([{ status: 'expected', received_by: null }]);
      // A lot names a real artisan order or none.
      expect(await refusedBy(db, `UPDATE lots SET artisan_order_id = 'AO-NOPE' WHERE id = 'L-26-R1-000001'`)).toMatch(/FOREIGN KEY/);
      // The print queue knows its printers and states.
      const job = (state: string) =>
        `INSERT INTO print_jobs (id, template, printer, data, station, created_by, created_at, state) VALUES ('${state}', 'lot-label', 'label', '{}', 'R1', 'u1', 'now', '${state}')`;
      await exec(db, job('queued'));
      expect(await refusedBy(db, job('lost'))).toMatch(/CHECK/);
    },
  },
  4: {
    // An upstream of release 3 with a station enrolled and an event it pushed.
    dataBefore: [
      `INSERT INTO upstream_stations (code, name, token_hash, enrolled_at) VALUES ('R1', 'Receiving desk', 'h1', '2026-03-01T06:00:00Z')`,
      `INSERT INTO events (id, station, seq, type, lot_id, payload, user_id, at, upstream_seq, local) VALUES ('e1', 'R1', 1, 'user.added', NULL, '{}', 'u1', '2026-03-01T08:00:00Z', 1, 0)`,
    ],
    async check(db) {
      // What it had is a plain station, and its events are not forwarded anywhere yet.
      expect(await db.selectFrom('upstream_stations').select(['code', 'relay']).execute()).toEqual([{ code: 'R1', relay: 0 }]);
      expect(await db.selectFrom('events').select(['id', 'parent_seq']).execute()).toEqual([{ id: 'e1', parent_seq: null }]);
      await exec(db, `INSERT INTO upstream_parent (id, url, upstream_id, code, token) VALUES (1, 'https://cloud', 'c-1', 'H1', 't')`);
      expect(await refusedBy(db, `INSERT INTO upstream_parent (id, url, upstream_id, code, token) VALUES (2, 'x', 'y', 'z', 'w')`)).toMatch(/CHECK/);
      await exec(db, `UPDATE events SET parent_seq = 5 WHERE id = 'e1'`);
      expect(
        await refusedBy(db, `INSERT INTO events (id, station, seq, type, payload, user_id, at, parent_seq) VALUES ('e2', 'R1', 2, 't', '{}', 'u', 'now', 5)`),
      ).toMatch(/UNIQUE/);
    },
  },
};

async function storeAt(file: string, version: number): Promise<Db> {
  const store = await openStore(file, { toVersion: version });
  closers.push(store.close);
  expect(await userVersion(store.db)).toBe(version);
  return store.db;
}

const closers: (() => Promise<void>)[] = [];
async function closeAll() {
  for (const close of closers.splice(0)) await close();
}

describe('migrations', () => {
  it('are numbered 1, 2, 3... and each has a fixture in this file', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(latestVersion).toBe(migrations.length);
    expect(Object.keys(fixtures).map(Number)).toEqual(migrations.map((m) => m.version));
  });

  for (const migration of migrations) {
    const fixture = fixtures[migration.version];
    it(`${migration.version} (${migration.name}) keeps the data of schema ${migration.version - 1} and adds what it should`, async () => {
      const file = tempStoreFile();
      try {
        const before = await storeAt(file, migration.version - 1);
        for (const statement of fixture?.dataBefore ?? []) await exec(before, statement);
        await closeAll();

        const after = await storeAt(file, migration.version);
        await fixture!.check(after);
      } finally {
        await closeAll();
      }
    });
  }

  it('bring a store from every earlier schema, with its data, to the same schema as a store created new', async () => {
    const schemaOf = (db: Db) =>
      db
        .selectFrom(sql<{ name: string; sql: string | null }>`sqlite_master`.as('m'))
        .select(['name', 'sql'])
        .orderBy('name')
        .execute();
    try {
      const expected = await schemaOf(await storeAt(tempStoreFile(), latestVersion));
      for (let from = 0; from < latestVersion; from++) {
        const file = tempStoreFile();
        const old = await storeAt(file, from);
        for (const statement of fixtures[from + 1]?.dataBefore ?? []) await exec(old, statement);
        await closeAll();
        expect(await schemaOf(await storeAt(file, latestVersion))).toEqual(expected);
      }
    } finally {
      await closeAll();
    }
  });

  it('that fail leave the store at the version it had, never between two', async () => {
    const file = tempStoreFile();
    await storeAt(file, 0);
    await closeAll();
    const broken: Migration = {
      version: latestVersion + 1,
      name: 'broken',
      async up(db) {
        await sql`CREATE TABLE half_done (id INTEGER)`.execute(db);
        throw new Error('disk full');
      },
    };
    migrations.push(broken);
    try {
      await expect(openStore(file, { toVersion: broken.version })).rejects.toThrow(/disk full/);
    } finally {
      migrations.pop();
    }
    const store = await openStore(file, { migrate: false });
    try {
      expect(await userVersion(store.db)).toBe(0);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master`.execute(store.db);
      expect(rows[0]!.n).toBe(0);
    } finally {
      await store.close();
    }
  });
});
