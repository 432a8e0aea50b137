import { isDeepStrictEqual } from 'node:util';
import { chunks } from '../../core/db/batch';
import type { Db } from '../../core/db/schema';
import type { Fact } from '../../core/demo/reference';
import { RowReader } from './fields';
import type { Problem, Row } from './table';

/** One kind of the platform's data: its columns, and how its rows become reference events. */
export interface Kind {
  required: readonly string[];
  optional: readonly string[];
  /**
   * The facts the rows state that the store does not hold as they are (new or changed), in the
   * file's order; every bad row is listed in `problems`.
   */
  facts(rows: Row[], context: KindContext): Promise<Fact[]>;
}

export interface KindContext {
  db: Db;
  problems: Problem[];
  now: Date;
}

export const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** What a row or a group of rows reads as: a reader per row, so each problem names its own line. */
export const readers = (rows: Row[], problems: Problem[]) => rows.map((row) => new RowReader(row, problems));

/** A fact only when the store does not already hold this very payload: publishing a file again records nothing. */
export function changed<P>(payload: P, stored: P | undefined): boolean {
  return !isDeepStrictEqual(payload, stored);
}

/** The distinct values of a column in the file, to look up in the store a few hundred at a time. */
export function keysOf(rows: Row[], column: string): string[] {
  return [...new Set(rows.map((row) => String(row.fields[column] ?? '').trim()).filter(Boolean))];
}

export async function inPieces<T>(keys: string[], query: (piece: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (const piece of chunks(keys)) found.push(...(await query(piece)));
  return found;
}

/** The designs the rows name, as the store holds them. */
export async function knownDesigns(db: Db, skus: string[]): Promise<Map<string, { finishes: string[] }>> {
  const rows = await inPieces(skus, (piece) => db.selectFrom('designs').select(['sku', 'finishes']).where('sku', 'in', piece).execute());
  return new Map(rows.map((d) => [d.sku, { finishes: JSON.parse(d.finishes) as string[] }]));
}

export async function knownArtisans(db: Db, ids: string[]): Promise<Set<string>> {
  return new Set((await inPieces(ids, (piece) => db.selectFrom('artisans').select('id').where('id', 'in', piece).execute())).map((a) => a.id));
}

/** A row's artisan must be one the store holds. */
export function checkArtisan(r: RowReader, artisans: Set<string>, column: string, id: string): void {
  if (id && !artisans.has(id)) r.fail(undefined, 'publish.unknownArtisan', `${column} "${id}" is not an artisan here`, { column, value: id });
}

/** A row's design must be one the store holds, and the finish one of that design's. */
export function checkDesign(r: RowReader, designs: Map<string, { finishes: string[] }>, sku: string, finish: string): void {
  if (!sku) return;
  const design = designs.get(sku);
  if (!design) r.fail(undefined, 'publish.unknownDesign', `design_sku "${sku}" is not a design here`, { value: sku });
  else if (finish && !design.finishes.includes(finish))
    r.fail(undefined, 'publish.unknownFinish', `design ${sku} has no finish "${finish}" (it has ${design.finishes.join(', ')})`, { sku, value: finish, finishes: design.finishes.join(', ') });
}

/**
 * Rows of one document (a notice's lines, an order's lines) grouped by its key in the file's
 * order; the document's own fields must read the same on every one of its rows.
 */
export function groupBy(rows: RowReader[], column: string): Map<string, RowReader[]> {
  const groups = new Map<string, RowReader[]>();
  for (const r of rows) {
    const key = r.optionalText(column) ?? '';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return groups;
}

export function sameOnEveryRow(group: RowReader[], columns: readonly string[], key: string): void {
  const [first, ...rest] = group;
  for (const r of rest)
    for (const column of columns)
      if ((r.optionalText(column) ?? '') !== (first!.optionalText(column) ?? ''))
        r.fail(undefined, 'publish.disagrees', `${column} differs from line ${first!.row.line} of the same ${key}`, { column, first: first!.row.line });
}

/**
 * A notice or a customer order, once sent, is what stations receive and pack against (its
 * projection inserts it once): the same key with other contents is refused, never half-applied.
 */
export function alreadySent(r: RowReader, column: string, key: string): void {
  r.fail(undefined, 'publish.alreadySent', `${column} ${key} was already published with other contents; once sent it does not change`, { column, value: key });
}
