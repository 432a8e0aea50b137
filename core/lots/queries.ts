import { sql, type SelectQueryBuilder } from 'kysely';
import { AppError } from '../api/errors';
import type { LotEvent, LotFilters, LotRow } from '../api/contract';
import { lotStates, type DB, type Db } from '../db/schema';

// Reads for the Lots screen: one indexed query per page, never the whole table.

const sortColumns = {
  id: 'lots.id',
  receivedAt: 'lots.received_at',
  design: 'lots.design_sku',
  artisan: 'artisans.name',
  receivedQty: 'lots.received_qty',
} as const;

export interface LotPageRequest {
  filters: LotFilters;
  sort: { by: keyof typeof sortColumns; desc: boolean };
  offset: number;
  limit: number;
}

function prefixUpperBound(prefix: string): string {
  return prefix + '\uffff';
}

function filtered<O>(db: Db, filters: LotFilters): SelectQueryBuilder<DB, 'lots' | 'artisans' | 'designs', O> {
  let query = db
    .selectFrom('lots')
    .innerJoin('artisans', 'artisans.id', 'lots.artisan_id')
    .innerJoin('designs', 'designs.sku', 'lots.design_sku') as unknown as SelectQueryBuilder<DB, 'lots' | 'artisans' | 'designs', O>;
  if (filters.id) {
    const prefix = filters.id.toUpperCase();
    query = query.where('lots.id', '>=', prefix).where('lots.id', '<', prefixUpperBound(prefix));
  }
  if (filters.design) {
    const prefix = filters.design.toUpperCase();
    query = query.where('lots.design_sku', '>=', prefix).where('lots.design_sku', '<', prefixUpperBound(prefix));
  }
  if (filters.artisan) {
    // Artisans are few next to lots: resolve the name to ids first, then use the lots(artisan_id) index.
    const pattern = `%${filters.artisan.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    query = query.where('lots.artisan_id', 'in', (eb) =>
      eb
        .selectFrom('artisans')
        .select('id')
        .where((w) => w.or([w('name', 'like', sql<string>`${pattern} ESCAPE '\\'`), w('id', '=', filters.artisan!)])),
    );
  }
  if (filters.finish) query = query.where('lots.finish', '=', filters.finish);
  if (filters.state) query = query.where(`lots.${filters.state}`, '>', 0);
  return query;
}

export async function lotsPage(db: Db, request: LotPageRequest): Promise<{ rows: LotRow[]; hasMore: boolean }> {
  const column = sortColumns[request.sort.by];
  const direction = request.sort.desc ? 'desc' : 'asc';
  const rows = await filtered(db, request.filters)
    .select(['lots.id as id', 'artisans.name as artisan_name', 'designs.name as design_name'])
    .select(lotColumns)
    .orderBy(column, direction)
    .orderBy('lots.id', direction)
    .limit(request.limit + 1)
    .offset(request.offset)
    .execute();
  return { rows: rows.slice(0, request.limit).map(toLotRow), hasMore: rows.length > request.limit };
}

export async function lotsCount(db: Db, filters: LotFilters): Promise<number> {
  const row = await filtered(db, filters)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

const lotColumns = [
  'lots.design_sku',
  'lots.artisan_id',
  'lots.finish',
  'lots.received_qty',
  'lots.received_weight_g',
  'lots.received_at',
  'lots.station',
  ...lotStates.map((s) => `lots.${s}` as const),
] as const;

type LotSelection = Pick<DB['lots'], (typeof lotStates)[number] | 'design_sku' | 'artisan_id' | 'finish' | 'received_qty' | 'received_weight_g' | 'received_at' | 'station'> & {
  id: string;
  artisan_name: string;
  design_name: string;
};

function toLotRow(row: LotSelection): LotRow {
  return {
    id: row.id,
    designSku: row.design_sku,
    designName: row.design_name,
    artisanId: row.artisan_id,
    artisanName: row.artisan_name,
    finish: row.finish,
    receivedQty: row.received_qty,
    receivedWeightG: row.received_weight_g,
    receivedAt: row.received_at,
    station: row.station,
    quantities: Object.fromEntries(lotStates.map((s) => [s, row[s]])) as LotRow['quantities'],
  };
}

export async function findLot(db: Db, lotId: string): Promise<LotRow | null> {
  const row = await filtered(db, {})
    .select(['lots.id as id', 'artisans.name as artisan_name', 'designs.name as design_name'])
    .select(lotColumns)
    .where('lots.id', '=', lotId.trim().toUpperCase())
    .executeTakeFirst();
  return row ? toLotRow(row) : null;
}

export async function lotDetail(db: Db, lotId: string): Promise<{ lot: LotRow; history: LotEvent[] }> {
  const lot = await findLot(db, lotId);
  if (!lot) throw new AppError('lot.notFound', `No lot ${lotId}`, { lot: lotId });
  const events = await db
    .selectFrom('events')
    .leftJoin('users', 'users.id', 'events.user_id')
    .select(['events.id', 'events.type', 'events.station', 'events.seq', 'events.at', 'events.user_id', 'users.name', 'events.payload'])
    .where('events.lot_id', '=', lot.id)
    .orderBy('events.at')
    .orderBy('events.seq')
    .execute();
  const history = events.map((e) => ({
    id: e.id,
    type: e.type,
    station: e.station,
    seq: e.seq,
    at: e.at,
    userId: e.user_id,
    userName: e.name ?? e.user_id,
    payload: JSON.parse(e.payload) as Record<string, unknown>,
  }));
  return { lot, history };
}
