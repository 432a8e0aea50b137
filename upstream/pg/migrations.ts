import { RawNode, sql, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { migrations, type Migration } from '../../core/db/migrations';
import { addOverrideColumns } from '../../core/db/migrations/0019_metalOverride';
import { upHub } from '../../core/db/migrations/0020_hubLink';
import { addBoxPaperwork } from '../../core/db/migrations/0021_boxPaperwork';
import { AppError } from '../../core/kernel/errors';
import { lotStates } from '../../core/db/schema';

// The upstream's store in PostgreSQL: the tables of core/db/schema.ts that the upstream and the
// projections it runs (core/events/catalog.ts) write to, equivalent to the SQLite migrations in
// core/db/migrations/ (PostgreSQL 1 = SQLite 0001 + 0002, PostgreSQL 2 = SQLite 0003). A
// station's link to its upstream (sync_state) is not here: this store is never a station's.
// From SQLite schema 5 on, the station's migrations run here themselves, their types translated
// (see translated() below); one that does not translate needs a twin of its own here. The test in
// upstream/pg/store.test.ts compares both schemas and says what is missing.
//
// Types, so the same row types hold on both stores:
// - INTEGER for counts and flags (node-pg returns int4 as a number); BIGINT only for the numbers
//   that only grow (events.seq, events.upstream_seq: 64-bit in SQLite, and a station's seq comes
//   from the station), returned as a number by the store's int8 parser (upstream/pg/store.ts).
// - DOUBLE PRECISION for SQLite's REAL (8 bytes in both; PostgreSQL's REAL is 4).
// - TEXT COLLATE "C" for every text column: SQLite compares text byte by byte (BINARY), and the
//   digest (core/sync/digest.ts) pages and hashes events and lots in id order, which must be the
//   same order as on a station whatever the database's locale.
// - No COLLATE NOCASE: users.username is unique by lower(username) instead (with "C", lower()
//   folds ASCII letters only, as NOCASE does).

export interface PgMigration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

const text = 'TEXT COLLATE "C"';

async function upstream(db: Kysely<unknown>): Promise<void> {
  const stateColumns = lotStates.map((s) => `${s} INTEGER NOT NULL DEFAULT 0 CHECK (${s} >= 0)`).join(',\n  ');
  const balance = lotStates.join(' + ');
  const statements = [
    `CREATE TABLE station (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      code ${text} NOT NULL,
      name ${text} NOT NULL,
      demo INTEGER NOT NULL DEFAULT 0,
      next_lot_number INTEGER NOT NULL DEFAULT 1,
      created_at ${text} NOT NULL)`,
    `CREATE TABLE users (
      id ${text} PRIMARY KEY,
      username ${text} NOT NULL,
      name ${text} NOT NULL,
      roles ${text} NOT NULL,
      pin_hash ${text} NOT NULL,
      language ${text} NOT NULL DEFAULT 'en',
      disabled INTEGER NOT NULL DEFAULT 0,
      failed_pins INTEGER NOT NULL DEFAULT 0,
      locked_until ${text})`,
    `CREATE UNIQUE INDEX users_username ON users (lower(username))`,
    `CREATE TABLE sessions (
      token ${text} PRIMARY KEY,
      user_id ${text} NOT NULL REFERENCES users(id),
      created_at ${text} NOT NULL,
      last_seen_at ${text} NOT NULL)`,
    `CREATE TABLE artisans (
      id ${text} PRIMARY KEY, name ${text} NOT NULL, phone ${text} NOT NULL, region ${text} NOT NULL, joined_on ${text} NOT NULL)`,
    `CREATE INDEX artisans_name ON artisans (lower(name))`,
    `CREATE TABLE designs (
      sku ${text} PRIMARY KEY, name ${text} NOT NULL, materials ${text} NOT NULL, finishes ${text} NOT NULL,
      unit_weight_g DOUBLE PRECISION NOT NULL CHECK (unit_weight_g > 0),
      weight_tolerance_pct DOUBLE PRECISION NOT NULL CHECK (weight_tolerance_pct >= 0),
      plating_area_cm2 DOUBLE PRECISION NOT NULL CHECK (plating_area_cm2 >= 0),
      qc_checklist ${text} NOT NULL)`,
    `CREATE TABLE artisan_orders (
      id ${text} PRIMARY KEY,
      artisan_id ${text} NOT NULL REFERENCES artisans(id),
      design_sku ${text} NOT NULL REFERENCES designs(sku),
      finish ${text} NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      unit_price_kes INTEGER NOT NULL CHECK (unit_price_kes >= 0),
      due_on ${text} NOT NULL,
      status ${text} NOT NULL)`,
    `CREATE INDEX artisan_orders_artisan ON artisan_orders (artisan_id, status)`,
    `CREATE TABLE delivery_notices (
      code ${text} PRIMARY KEY,
      artisan_id ${text} NOT NULL REFERENCES artisans(id),
      sent_at ${text} NOT NULL,
      status ${text} NOT NULL)`,
    `CREATE TABLE delivery_notice_lines (
      notice_code ${text} NOT NULL REFERENCES delivery_notices(code),
      line_no INTEGER NOT NULL,
      artisan_order_id ${text} NOT NULL REFERENCES artisan_orders(id),
      design_sku ${text} NOT NULL REFERENCES designs(sku),
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      PRIMARY KEY (notice_code, line_no))`,
    `CREATE TABLE customer_orders (
      id ${text} PRIMARY KEY, customer ${text} NOT NULL, country ${text} NOT NULL, ship_to ${text} NOT NULL,
      service ${text} NOT NULL, currency ${text} NOT NULL, due_on ${text} NOT NULL, status ${text} NOT NULL)`,
    `CREATE TABLE customer_order_lines (
      order_id ${text} NOT NULL REFERENCES customer_orders(id),
      line_no INTEGER NOT NULL,
      design_sku ${text} NOT NULL REFERENCES designs(sku),
      finish ${text} NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
      PRIMARY KEY (order_id, line_no))`,
    `CREATE TABLE plating_lines (
      id ${text} PRIMARY KEY, name ${text} NOT NULL, finishes ${text} NOT NULL,
      capacity_dm2 DOUBLE PRECISION NOT NULL CHECK (capacity_dm2 > 0), max_pieces INTEGER NOT NULL CHECK (max_pieces > 0))`,
    `CREATE TABLE site_stations (code ${text} PRIMARY KEY, name ${text} NOT NULL, desk ${text} NOT NULL)`,
    `CREATE TABLE devices (
      id ${text} PRIMARY KEY, kind ${text} NOT NULL, name ${text} NOT NULL, driver ${text} NOT NULL, address ${text} NOT NULL)`,
    // The CHECK makes the store itself refuse any write after which a lot's pieces do not add up.
    `CREATE TABLE lots (
      id ${text} PRIMARY KEY,
      design_sku ${text} NOT NULL REFERENCES designs(sku),
      artisan_id ${text} NOT NULL REFERENCES artisans(id),
      finish ${text} NOT NULL,
      delivery_code ${text},
      received_qty INTEGER NOT NULL CHECK (received_qty > 0),
      received_weight_g DOUBLE PRECISION,
      received_at ${text} NOT NULL,
      received_by ${text} NOT NULL,
      station ${text} NOT NULL,
      updated_at ${text} NOT NULL,
      ${stateColumns},
      CONSTRAINT lots_balance CHECK (${balance} = received_qty))`,
    `CREATE INDEX lots_received_at ON lots (received_at)`,
    `CREATE INDEX lots_design ON lots (design_sku, received_at)`,
    `CREATE INDEX lots_artisan ON lots (artisan_id, received_at)`,
    // status: applied (in the projections), rejected (refused, kept with why), held (a type this version does not know).
    // local: made on this store; 0 for events pushed by stations.
    `CREATE TABLE events (
      id ${text} PRIMARY KEY,
      station ${text} NOT NULL,
      seq BIGINT NOT NULL,
      type ${text} NOT NULL,
      lot_id ${text},
      payload ${text} NOT NULL,
      user_id ${text} NOT NULL,
      at ${text} NOT NULL,
      upstream_seq BIGINT,
      status ${text} NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'rejected', 'held')),
      local INTEGER NOT NULL DEFAULT 1 CHECK (local IN (0, 1)),
      UNIQUE (station, seq))`,
    `CREATE INDEX events_lot ON events (lot_id, at) WHERE lot_id IS NOT NULL`,
    `CREATE INDEX events_unsynced ON events (station, seq) WHERE upstream_seq IS NULL`,
    `CREATE INDEX events_outbox ON events (station, seq) WHERE local = 1 AND upstream_seq IS NULL`,
    // Two events can never hold the same place in the upstream's order.
    `CREATE UNIQUE INDEX events_upstream_order ON events (upstream_seq) WHERE upstream_seq IS NOT NULL`,
    `CREATE TABLE sync_attention (
      event_id ${text} PRIMARY KEY REFERENCES events(id),
      kind ${text} NOT NULL CHECK (kind IN ('rejected', 'conflict')),
      reason ${text} NOT NULL,
      params ${text} NOT NULL,
      current ${text},
      at ${text} NOT NULL,
      resolved_by ${text},
      resolved_at ${text},
      resolution ${text})`,
    `CREATE TABLE upstream_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      upstream_id ${text} NOT NULL,
      demo INTEGER NOT NULL,
      created_at ${text} NOT NULL)`,
    `CREATE TABLE upstream_stations (
      code ${text} PRIMARY KEY,
      name ${text} NOT NULL,
      token_hash ${text} NOT NULL UNIQUE,
      enrolled_at ${text} NOT NULL,
      revoked_at ${text},
      last_seen_at ${text})`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// SQLite's 0003: which artisan order a lot fills, which notice line received which lot, who
// finished a delivery; the print queue (station-scoped events, kept for the record only).
async function receiving(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE lots ADD COLUMN artisan_order_id ${text} REFERENCES artisan_orders(id)`,
    `CREATE INDEX lots_delivery ON lots (delivery_code) WHERE delivery_code IS NOT NULL`,
    `ALTER TABLE delivery_notice_lines ADD COLUMN received_lot_id ${text}`,
    `ALTER TABLE delivery_notices ADD COLUMN received_by ${text}`,
    `ALTER TABLE delivery_notices ADD COLUMN received_at ${text}`,
    `CREATE INDEX delivery_notices_artisan ON delivery_notices (artisan_id, sent_at)`,
    `CREATE TABLE print_jobs (
      id ${text} PRIMARY KEY,
      template ${text} NOT NULL,
      printer ${text} NOT NULL CHECK (printer IN ('label', 'receipt', 'shipping')),
      data ${text} NOT NULL,
      lot_id ${text},
      state ${text} NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'confirmed', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      station ${text} NOT NULL,
      created_by ${text} NOT NULL,
      created_at ${text} NOT NULL)`,
    `CREATE INDEX print_jobs_waiting ON print_jobs (station, created_at) WHERE state IN ('queued', 'failed')`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// SQLite's 0004: the HQ hub's link onward, each event's place in that upstream's order, relaying hubs.
async function hub(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE events ADD COLUMN parent_seq BIGINT`,
    `CREATE UNIQUE INDEX events_parent_order ON events (parent_seq) WHERE parent_seq IS NOT NULL`,
    `ALTER TABLE upstream_stations ADD COLUMN relay INTEGER NOT NULL DEFAULT 0 CHECK (relay IN (0, 1))`,
    `CREATE TABLE upstream_parent (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      url ${text} NOT NULL,
      upstream_id ${text} NOT NULL,
      code ${text} NOT NULL,
      token ${text} NOT NULL,
      cursor BIGINT NOT NULL DEFAULT 0,
      last_success_at ${text},
      last_error ${text})`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** SQLite's types in a statement of a station migration, as this store spells them (see the top of this file). */
function toPg(statement: string): string {
  return statement.replace(/\bTEXT\b(?! COLLATE)/g, text).replace(/\bREAL\b/g, 'DOUBLE PRECISION');
}

/** Runs a station's SQLite migration here, each raw statement with its types translated. */
class Translate implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return RawNode.is(node) ? ({ ...node, sqlFragments: node.sqlFragments.map(toPg) } as RootOperationNode) : node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

/**
 * From SQLite schema 5 on, a migration of the features' own tables is written once, in portable
 * SQL, and runs here through Translate (TEXT COLLATE "C", DOUBLE PRECISION); what belongs to a
 * station alone (its sync state and snapshot download, schema 9; the indexes its recomputes read,
 * schema 14; its outbox's order, schema 24) has no twin.
 */
const translated = (migration: Migration): PgMigration['up'] => (db) => migration.up(db.withPlugin(new Translate()));
const stationOnly = new Set(['snapshot', 'scopeIndexes', 'outboxOrder']);
/** Station migrations that need their own spelling here: schema 15's and 19's index is a station's (SQLite's json_extract), the rest is everyone's. */
const twins: Record<string, PgMigration['up']> = {
  batchReadings: async (db) => {
    await sql`DELETE FROM plating_readings WHERE batch_id IN (SELECT id FROM plating_batches WHERE state = 'planned')`.execute(db);
  },
  metalOverride: (db) => addOverrideColumns(db.withPlugin(new Translate())),
  // A station's link to its hub (sync_state) is not here.
  hubLink: (db) => upHub(db.withPlugin(new Translate())),
  boxPaperwork: (db) => addBoxPaperwork(db.withPlugin(new Translate())),
};

/** Numbered, in order; karakana_schema holds one row per migration applied. Never change a released one: add the next. */
export const pgMigrations: PgMigration[] = [
  { version: 1, name: 'upstream', up: upstream },
  { version: 2, name: 'receiving', up: receiving },
  { version: 3, name: 'hub', up: hub },
  ...migrations.filter((m) => m.version >= 5 && !stationOnly.has(m.name)).map((m, i) => ({ version: 4 + i, name: m.name, up: twins[m.name] ?? translated(m) })),
];

export const pgLatestVersion = pgMigrations[pgMigrations.length - 1]!.version;

/** The schema version of the database (0 when it holds no Karakana tables yet). */
export async function pgSchemaVersion<T>(db: Kysely<T>): Promise<number> {
  const { rows } = await sql<{ present: boolean }>`SELECT to_regclass('karakana_schema') IS NOT NULL AS present`.execute(db);
  if (!rows[0]?.present) return 0;
  const current = await sql<{ version: number | null }>`SELECT max(version) AS version FROM karakana_schema`.execute(db);
  return Number(current.rows[0]?.version ?? 0);
}

/**
 * Applies the pending migrations in one transaction (the database is at one version or another,
 * never between), under an advisory lock so that two processes starting at once take turns.
 */
export async function migratePg(db: Kysely<unknown>, label: string, to = pgLatestVersion): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('karakana_schema'))`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS karakana_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`.execute(trx);
    const version = await pgSchemaVersion(trx);
    if (version > pgLatestVersion)
      throw new AppError('store.newer', `The store ${label} was written by a newer Karakana (schema ${version})`, { file: label, version });
    for (const migration of pgMigrations.filter((m) => m.version > version && m.version <= to)) {
      await migration.up(trx);
      await sql`INSERT INTO karakana_schema (version, name, applied_at) VALUES (${migration.version}, ${migration.name}, ${new Date().toISOString()})`.execute(trx);
    }
  });
}
