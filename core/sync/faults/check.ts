import { lotStates, type Db } from '../../db/schema';
import { digestStore, type Digest } from '../digest';
import { withStore } from './stations';

// The end-of-run check, Jepsen style: after the faults are healed and every station has synced
// until nothing moves, the upstream and every station hold the same facts; every event made at a
// station is at the upstream exactly once (applied, or refused and listed for a supervisor), in
// its station's order without gaps; every lot's pieces add up, everywhere.

export interface Convergence {
  problems: string[];
  digest: Digest;
  /** Events at the upstream, applied and refused. */
  events: number;
  rejected: number;
  lots: number;
  /** Refusals a restored upstream no longer holds (only with refusalsMayBeForgotten). */
  forgottenRefusals: number;
}

interface Row {
  id: string;
  station: string;
  seq: number;
  upstream_seq: number | null;
  status: string;
  local: number;
}

const few = (items: string[]) => (items.length > 3 ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more` : items.join(', '));

async function rows(db: Db): Promise<Row[]> {
  return db.selectFrom('events').select(['id', 'station', 'seq', 'upstream_seq', 'status', 'local']).execute();
}

/** Lots whose states do not add up to what was received (the store's CHECK should make this impossible). */
export async function unbalancedLots(db: Db): Promise<string[]> {
  const lots = await db.selectFrom('lots').select(['id', 'received_qty', ...lotStates]).execute();
  return lots.filter((lot) => lotStates.reduce((sum, s) => sum + lot[s], 0) !== lot.received_qty || lotStates.some((s) => lot[s] < 0)).map((l) => l.id);
}

export interface CheckOptions {
  /**
   * An upstream restored from a backup forgets the refusals it recorded after the backup, and a
   * station never sends a refused event again (it may have been settled by then): those may be
   * missing upstream, and are counted in `forgottenRefusals`. Every other event must be there.
   */
  refusalsMayBeForgotten?: boolean;
}

export async function checkConvergence(upstreamFile: string, stationFiles: string[], options: CheckOptions = {}): Promise<Convergence> {
  const problems: string[] = [];
  let forgottenRefusals = 0;
  const upstream = await withStore(upstreamFile, async (db) => {
    const events = await rows(db);
    const head = events.reduce((max, e) => Math.max(max, e.upstream_seq ?? 0), 0);
    const ordered = events.filter((e) => e.upstream_seq !== null).length;
    if (ordered !== head) problems.push(`upstream: ${ordered} events in the global order but it reaches ${head} (a gap)`);
    const unbalanced = await unbalancedLots(db);
    if (unbalanced.length) problems.push(`upstream: lots that do not balance: ${few(unbalanced)}`);
    return { events, head, digest: await digestStore(db), byId: new Map(events.map((e) => [e.id, e])) };
  });
  if (upstream.byId.size !== upstream.events.length) problems.push('upstream: an event id appears twice');

  for (const file of stationFiles) {
    await withStore(file, async (db) => {
      const code = (await db.selectFrom('station').select('code').executeTakeFirstOrThrow()).code;
      const name = `station ${code}`;
      const digest = await digestStore(db);
      if (digest.hash !== upstream.digest.hash)
        problems.push(`${name}: digest ${digest.hash.slice(0, 12)} (${digest.events} events, ${digest.lots} lots) differs from the upstream's ${upstream.digest.hash.slice(0, 12)} (${upstream.digest.events} events, ${upstream.digest.lots} lots)`);
      const events = await rows(db);
      const own = events.filter((e) => e.local === 1);
      const forgotten = own.filter((e) => options.refusalsMayBeForgotten && e.status === 'rejected' && !upstream.byId.has(e.id));
      forgottenRefusals += forgotten.length;
      const lost = own.filter((e) => !upstream.byId.has(e.id) && !forgotten.includes(e)).map((e) => `${e.station}#${e.seq}`);
      if (lost.length) problems.push(`${name}: made events the upstream never got: ${few(lost)}`);
      const moved = own.filter((e) => upstream.byId.has(e.id) && upstream.byId.get(e.id)!.seq !== e.seq).map((e) => e.id);
      if (moved.length) problems.push(`${name}: events whose station sequence differs upstream: ${few(moved)}`);
      const seqs = upstream.events
        .filter((e) => e.station === code)
        .map((e) => e.seq)
        .concat(forgotten.map((e) => e.seq))
        .sort((a, b) => a - b);
      if (seqs.some((seq, i) => seq !== i + 1)) problems.push(`${name}: its events at the upstream are not numbered 1..${seqs.length} without gaps`);
      if (seqs.length !== own.length) problems.push(`${name}: made ${own.length} events, the upstream accounts for ${seqs.length} of them`);
      const waiting = own.filter((e) => e.upstream_seq === null && e.status === 'applied').length;
      if (waiting) problems.push(`${name}: ${waiting} events still wait to be acknowledged`);
      const disagree = own
        .filter((e) => upstream.byId.has(e.id))
        .filter((e) => (e.status === 'rejected') !== (upstream.byId.get(e.id)!.status === 'rejected'))
        .map((e) => `${e.id} (${e.status} here, ${upstream.byId.get(e.id)!.status} upstream)`);
      if (disagree.length) problems.push(`${name}: events refused on one side only: ${few(disagree)}`);
      const renumbered = events.filter((e) => e.upstream_seq !== null && upstream.byId.get(e.id)?.upstream_seq !== e.upstream_seq).map((e) => `${e.id} at ${e.upstream_seq}`);
      if (renumbered.length) problems.push(`${name}: events whose place in the upstream's order differs: ${few(renumbered)}`);
      const foreign = events.filter((e) => e.local === 0 && e.status !== 'rejected' && upstream.byId.get(e.id)?.status !== 'applied').map((e) => e.id);
      if (foreign.length) problems.push(`${name}: holds events of others that the upstream does not hold as applied: ${few(foreign)}`);
      const refused = own.filter((e) => e.status === 'rejected').map((e) => e.id);
      const listed = new Set((await db.selectFrom('sync_attention').select('event_id').where('kind', '=', 'rejected').execute()).map((r) => r.event_id));
      const unlisted = refused.filter((id) => !listed.has(id));
      if (unlisted.length) problems.push(`${name}: refused events missing from the needs-attention list: ${few(unlisted)}`);
      // Once every event has its answer, anything still shown as a conflict is a false alarm.
      const conflicts = await db.selectFrom('sync_attention').select('event_id').where('kind', '=', 'conflict').where('resolved_at', 'is', null).execute();
      if (conflicts.length) problems.push(`${name}: open conflicts for events that fit: ${few(conflicts.map((c) => c.event_id))}`);
      const state = await db.selectFrom('sync_state').select('cursor').executeTakeFirstOrThrow();
      if (state.cursor !== upstream.head) problems.push(`${name}: cursor ${state.cursor}, the upstream is at ${upstream.head}`);
      const unbalanced = await unbalancedLots(db);
      if (unbalanced.length) problems.push(`${name}: lots that do not balance: ${few(unbalanced)}`);
    });
  }
  return {
    problems,
    digest: upstream.digest,
    events: upstream.events.length,
    rejected: upstream.events.filter((e) => e.status === 'rejected').length,
    lots: upstream.digest.lots,
    forgottenRefusals,
  };
}
