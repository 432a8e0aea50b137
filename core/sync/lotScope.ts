import type { Trx } from '../db/schema';
import { snapshotLot } from './snapshotLots';
import type { Base, ScopeKind } from './scope';

// A lot: its events carry it in lot_id (so it lists no types), and the features whose facts are
// about one lot declare the rows they keep for it (core/*/feature.ts `owns.lot`).

/**
 * A lot a station started from a snapshot holds before its history has arrived: the lot as the
 * snapshot had it, with what went with it (its bin, its pins, its pieces in boxes); the events
 * after the snapshot put their changes on top.
 */
async function snapshotBase(trx: Trx, lotId: string): Promise<Base | null> {
  const base = await trx.selectFrom('sync_snapshot_lots').select('row').where('id', '=', lotId).executeTakeFirst();
  if (!base) return null;
  const since = (await trx.selectFrom('sync_state').select('snapshot_seq').executeTakeFirst())?.snapshot_seq ?? 0;
  return {
    since,
    async restore(trx) {
      const { lot, rows } = snapshotLot(base.row);
      await trx.deleteFrom('lots').where('id', '=', lotId).execute();
      await trx.insertInto('lots').values(lot as never).execute();
      for (const [table, list] of rows) for (const row of list) await trx.insertInto(table as never).values(row as never).execute();
    },
  };
}

export const lotScope: ScopeKind = {
  types: [],
  field: null,
  base: snapshotBase,
  current: (trx, lotId) => trx.selectFrom('lots').selectAll().where('id', '=', lotId).executeTakeFirst(),
};
