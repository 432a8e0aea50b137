import { sql, type SelectQueryBuilder } from 'kysely';
import { AppError } from '../kernel/errors';
import type { LotEvent, LotExpected, LotFilters, LotRow } from '../api/contract';
import { lotStates, type DB, type Db } from '../db/schema';
import { asRecorded } from '../events/catalog';

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

/** The filters' conditions, on the lots table alone (an artisan's name is resolved to ids first). */
function whereFilters<T extends SelectQueryBuilder<DB, 'lots', unknown>>(query: T, filters: LotFilters): T {
  let q = query as SelectQueryBuilder<DB, 'lots', unknown>;
  if (filters.id) {
    const prefix = filters.id.toUpperCase();
    q = q.where('lots.id', '>=', prefix).where('lots.id', '<', prefixUpperBound(prefix));
  }
  if (filters.design) {
    const prefix = filters.design.toUpperCase();
    q = q.where('lots.design_sku', '>=', prefix).where('lots.design_sku', '<', prefixUpperBound(prefix));
  }
  if (filters.artisan) {
    // Artisans are few next to lots: resolve the name to ids first, then use the lots(artisan_id) indexes.
    const pattern = `%${filters.artisan.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    q = q.where('lots.artisan_id', 'in', (eb) =>
      eb
        .selectFrom('artisans')
        .select('id')
        .where((w) => w.or([w('name', 'like', sql<string>`${pattern} ESCAPE '\\'`), w('id', '=', filters.artisan!)])),
    );
  }
  if (filters.finish) q = q.where('lots.finish', '=', filters.finish);
  if (filters.state) q = q.where(`lots.${filters.state}`, '>', 0);
  return q as T;
}

function withNames(db: Db) {
  return db.selectFrom('lots').innerJoin('artisans', 'artisans.id', 'lots.artisan_id').innerJoin('designs', 'designs.sku', 'lots.design_sku');
}

export async function lotsPage(db: Db, request: LotPageRequest): Promise<{ rows: LotRow[]; hasMore: boolean }> {
  const direction = request.sort.desc ? 'desc' : 'asc';
  let query = withNames(db).select(['lots.id as id', 'artisans.name as artisan_name', 'designs.name as design_name']).select(lotColumns);
  if (request.sort.by === 'artisan') query = whereFilters(query, request.filters).limit(request.limit + 1).offset(request.offset);
  else {
    // The page's rows are chosen on lots alone, through its indexes; only those rows are joined for names.
    const column = sortColumns[request.sort.by];
    const page = whereFilters(db.selectFrom('lots'), request.filters)
      .select(sql<number>`lots.rowid`.as('rowid'))
      .orderBy(column, direction)
      .orderBy('lots.id', direction)
      .limit(request.limit + 1)
      .offset(request.offset);
    query = query.where(sql<number>`lots.rowid`, 'in', page);
  }
  const rows = await query.orderBy(sortColumns[request.sort.by], direction).orderBy('lots.id', direction).execute();
  return { rows: rows.slice(0, request.limit).map(toLotRow), hasMore: rows.length > request.limit };
}

export async function lotsCount(db: Db, filters: LotFilters): Promise<number> {
  const row = await whereFilters(db.selectFrom('lots'), filters)
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
  const row = await withNames(db)
    .select(['lots.id as id', 'artisans.name as artisan_name', 'designs.name as design_name'])
    .select(lotColumns)
    .where('lots.id', '=', lotId.trim().toUpperCase())
    .executeTakeFirst();
  return row ? toLotRow(row) : null;
}

/** A lot, the notice line it answered (what was expected), and its history. */
export async function lotDetail(db: Db, lotId: string): Promise<{ lot: LotRow; expected: LotExpected | null; history: LotEvent[] }> {
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
    payload: asRecorded(e.type, e.payload),
  }));
  return { lot, expected: await expectedOf(db, history.find((e) => e.type === 'lot.received')?.payload), history };
}

/** The notice line the receipt answered, by the notice's key. */
async function expectedOf(db: Db, receipt: Record<string, unknown> | undefined): Promise<LotExpected | null> {
  const { deliveryCode, noticeLine } = (receipt ?? {}) as { deliveryCode?: string | null; noticeLine?: number | null };
  if (!deliveryCode || !noticeLine) return null;
  const line = await db
    .selectFrom('delivery_notice_lines')
    .select(['notice_code', 'line_no', 'quantity'])
    .where('notice_code', '=', deliveryCode)
    .where('line_no', '=', noticeLine)
    .executeTakeFirst();
  return line ? { notice: line.notice_code, line: line.line_no, quantity: line.quantity } : null;
}
