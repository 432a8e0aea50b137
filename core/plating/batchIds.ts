import { sql } from 'kysely';
import { AppError } from '../kernel/errors';
import type { Db } from '../db/schema';
import { readPayload } from '../events/payload';
import { planPublished } from './events';

// A re-plan keeps the ids of the batches it continues, so a traveller printed before it still
// scans as its batch. The ids are chosen once, by the station that re-plans, and published in the
// plan's event: every station applies the same ids, never computes its own.

export interface HeldBatch {
  finish: string;
  items: readonly { lotId: string; pieces: number }[];
}

/**
 * For each new batch, the id of the old batch it continues, or null for a new one. A new batch
 * continues an old one of the same finish when it holds more than half of the old batch's pieces
 * (counted lot by lot); pairs are taken a batch planned again exactly as it was first (so it keeps
 * its id even where a bigger batch overlaps it), then most pieces shared, then fewest pieces the new
 * batch holds beside them, then the first id, and each id goes to one batch at most. The same batches give the same answer in whatever order the old
 * ones come.
 */
export function continuedIds(old: readonly (HeldBatch & { id: string })[], next: readonly HeldBatch[]): (string | null)[] {
  const holders = new Map<string, { id: string; finish: string; pieces: number }[]>();
  for (const o of old) for (const i of o.items) holders.set(i.lotId, [...(holders.get(i.lotId) ?? []), { id: o.id, finish: o.finish, pieces: i.pieces }]);
  const totals = new Map(old.map((o) => [o.id, o.items.reduce((s, i) => s + i.pieces, 0)]));
  const pairs: { n: number; id: string; exact: boolean; shared: number; beside: number }[] = [];
  for (const [n, batch] of next.entries()) {
    const pieces = batch.items.reduce((s, i) => s + i.pieces, 0);
    const shared = new Map<string, number>();
    for (const item of batch.items)
      for (const h of holders.get(item.lotId) ?? []) if (h.finish === batch.finish) shared.set(h.id, (shared.get(h.id) ?? 0) + Math.min(h.pieces, item.pieces));
    for (const [id, common] of shared) if (common * 2 > totals.get(id)!) pairs.push({ n, id, exact: common === totals.get(id) && common === pieces, shared: common, beside: pieces - common });
  }
  pairs.sort((a, b) => Number(b.exact) - Number(a.exact) || b.shared - a.shared || a.beside - b.beside || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.n - b.n);
  const ids: (string | null)[] = next.map(() => null);
  const taken = new Set<string>();
  for (const p of pairs) {
    if (ids[p.n] !== null || taken.has(p.id)) continue;
    ids[p.n] = p.id;
    taken.add(p.id);
  }
  return ids;
}

/**
 * Why there is no batch `batchId` when a plan once held it: the last plan that did, and the batches
 * (planned or running) that hold its lots now. Null when no plan ever held it.
 */
export async function replannedAway(db: Db, batchId: string): Promise<AppError | null> {
  const needle = JSON.stringify({ id: batchId }).slice(1, -1);
  const plan = await db
    .selectFrom('events')
    .select('payload')
    .where('type', '=', planPublished.type)
    .where('status', '=', 'applied')
    .where(sql<boolean>`instr(payload, ${needle}) > 0`)
    .orderBy(sql`upstream_seq IS NULL`, 'desc')
    .orderBy('upstream_seq', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .limit(1)
    .executeTakeFirst();
  // A plan this Karakana cannot read tells nothing of the batch: it is simply not there.
  const held = plan && readPayload(planPublished, JSON.parse(plan.payload))?.payload.batches.find((b) => b.id === batchId);
  if (!held) return null;
  const lots = held.items.map((i) => i.lotId).sort();
  const now = await db
    .selectFrom('plating_batch_items')
    .innerJoin('plating_batches', 'plating_batches.id', 'plating_batch_items.batch_id')
    .select('plating_batches.id')
    .distinct()
    .where('plating_batch_items.lot_id', 'in', lots)
    .where('plating_batches.state', '!=', 'done')
    .orderBy('plating_batches.id')
    .execute();
  if (now.length === 0)
    return new AppError('plating.batchReplannedAway', `Batch ${batchId} was re-planned: its lots (${lots.join(', ')}) are in no batch now`, { batch: batchId, lots: lots.join(', ') });
  const batches = now.map((b) => b.id).join(', ');
  return new AppError('plating.batchReplanned', `Batch ${batchId} was re-planned: its lots are now in ${batches}`, { batch: batchId, batches });
}
