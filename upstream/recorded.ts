import { sql } from 'kysely';
import type { Trx } from '../core/db/schema';
import type { Fact } from '../core/events/define';
import { eventCatalog } from '../core/events/catalog';
import { record } from '../core/events/log';
import { readPayload } from '../core/events/payload';
import { attempt } from '../core/sync/apply';
import type { WireEvent } from '../core/sync/protocol';

// Facts the upstream records itself, each placed in its order as it is made: the platform's
// (artisans, designs, orders, notices), and the consequences a push's events call for beyond their
// own scope (EventDefinition.consequences).

export const upstreamStationCode = 'UP';

/** The next place in the upstream's order. */
export async function nextSeq(trx: Trx): Promise<number> {
  // The WHERE lets the database answer from the partial index on upstream_seq, not by reading the whole log.
  const { rows } = await sql<{ head: number | string | null }>`SELECT max(upstream_seq) AS head FROM events WHERE upstream_seq IS NOT NULL`.execute(trx);
  return Number(rows[0]?.head ?? 0) + 1;
}

/** Records facts as the upstream's own, each placed next. */
export async function recordPlaced(trx: Trx, facts: readonly Fact[], userId: string, at: Date): Promise<void> {
  for (const fact of facts) {
    const envelope = await record(trx, { userId, station: upstreamStationCode, now: () => at }, fact.definition, fact.payload as never);
    await trx.updateTable('events').set({ upstream_seq: await nextSeq(trx) }).where('id', '=', envelope.id).execute();
  }
}

/**
 * After a push: the consequences of the events it placed, in their order, each recorded under the
 * person whose fact called for it. A hub records none: its own upstream does, and they come back
 * with its pages (two would place the same consequence twice, under clashing upstream seqs). One
 * that does not fit the upstream's state is left unrecorded, not the push's failure: the station's
 * facts stand, and a push that failed for it would be sent again and again.
 */
export async function recordConsequences(trx: Trx, placed: readonly WireEvent[], at: Date): Promise<void> {
  const calling = placed.filter((event) => eventCatalog.get(event.type)?.consequences);
  if (!calling.length || (await trx.selectFrom('upstream_parent').select('id').executeTakeFirst())) return;
  for (const event of calling) {
    const definition = eventCatalog.get(event.type)!;
    const read = readPayload(definition, event.payload);
    if (!read) continue;
    const envelope = { id: event.id, station: event.station, seq: event.seq, type: event.type, lotId: event.lotId, userId: event.userId, at: event.at };
    for (const fact of await definition.consequences!(trx, read.payload, envelope)) await attempt(trx, () => recordPlaced(trx, [fact], event.userId, at));
  }
}
