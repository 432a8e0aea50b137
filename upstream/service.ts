import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../core/kernel/errors';
import type { Store } from '../core/db/store';
import type { Db, Trx } from '../core/db/schema';
import { demoStations } from '../core/demo/data';
import type { Fact } from '../core/events/define';
import { createStation } from '../core/station/service';
import { applyInOrder, applyStored, attempt } from '../core/sync/apply';
import { chunks, insertRows, repeats } from '../core/db/batch';
import { maxRefusals, type PulledEvent, type PushResult, type Refusal, type WireEvent } from '../core/sync/protocol';
import { eventColumns, toRow, toWire } from '../core/sync/wire';
import { hashSecret as hash, revokeStation, sameSecret } from './admin';
import { admitAll, refusalOf, type Sender } from './authority';
import { openUpstreamStore, type UpstreamTarget } from './pg/store';
import { nextSeq, recordConsequences, recordPlaced, upstreamStationCode } from './recorded';
import { Snapshots } from './snapshot';

// The reference upstream: the protocol's executable spec. Its store is a Karakana store too,
// so every pushed event is checked by applying it through the same projections the stations run;
// one that does not fit the upstream's state is refused with the reason and the lot as it is.
// It stores in a SQLite file (a path) or in PostgreSQL ({ pg: connection string }).


/** Every code this upstream has given out or reserved: its own, its stations' and hubs' (revoked too), and hubs' issued keys'. */
async function heldCodes(db: Db | Trx): Promise<string[]> {
  const rows = [...(await db.selectFrom('upstream_stations').select('code').execute()), ...(await db.selectFrom('upstream_hub_keys').select('code').execute())];
  return [upstreamStationCode, ...rows.map((r) => r.code)];
}

/** How often at most a station's last_seen_at is written when it only asks (pulls, snapshots). */
const seenEveryMs = 60_000;

export interface UpstreamOptions {
  demo?: boolean;
  /** The site's key: a real upstream enrolls only stations that present it, and does not open without one; a demo upstream enrolls any. */
  enrollKey?: string | null;
  now?: () => Date;
  /** A snapshot younger than this is handed out again to the next new station instead of building another (60 s). */
  snapshotReuseMs?: number;
}

export class Upstream {
  /** The snapshots new stations start from (snapshot.ts). */
  readonly snapshots: Snapshots;

  private constructor(
    readonly store: Store,
    readonly id: string,
    readonly demo: boolean,
    private readonly options: UpstreamOptions,
    pg: boolean,
  ) {
    this.snapshots = new Snapshots(store, pg, options.snapshotReuseMs);
  }

  // One upstream process owns its database. The writes that number events (push, publish) and
  // enrollments take turns here, so max(upstream_seq) + 1 never races and events commit in the
  // order they are numbered (a pull never sees one before another with a smaller number). On SQLite
  // the one connection already ran transactions one at a time; PostgreSQL's pool would not.
  private writing: Promise<unknown> = Promise.resolve();

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.writing.then(work);
    this.writing = turn.catch(() => undefined);
    return turn;
  }

  static async open(target: string | UpstreamTarget, options: UpstreamOptions = {}): Promise<Upstream> {
    const store = await openUpstreamStore(typeof target === 'string' ? { file: target } : target);
    const now = options.now ?? (() => new Date());
    let meta = await store.db.selectFrom('upstream_meta').selectAll().executeTakeFirst();
    if (!(meta ? meta.demo === 1 : options.demo) && !options.enrollKey) {
      await store.close();
      throw new AppError('sync.noSiteKey', 'A real upstream needs the site key (--enroll-key): without one it would enroll anyone who asks');
    }
    if (!meta) {
      const station = await store.db.selectFrom('station').select('id').executeTakeFirst();
      if (station) {
        await store.close();
        throw new AppError('sync.notUpstreamStore', `${store.file} is a station's store, not an upstream's`, { file: store.file });
      }
      meta = { id: 1, upstream_id: randomUUID(), demo: options.demo ? 1 : 0, created_at: now().toISOString() };
      const created = meta;
      await store.db.transaction().execute(async (trx) => {
        await createStation(trx, { code: upstreamStationCode, name: 'Upstream', demo: !!options.demo, at: created.created_at });
        await trx.insertInto('upstream_meta').values(created).execute();
      });
    }
    return new Upstream(store, meta.upstream_id, meta.demo === 1, options, typeof target !== 'string' && 'pg' in target);
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  close(): Promise<void> {
    this.snapshots.close();
    return this.store.close();
  }

  /** Records facts that originate here (the platform: artisans, designs, orders, notices) in the global order. */
  async publish(facts: Fact[], userId: string, at = this.now()): Promise<void> {
    await this.inTurn(() => this.store.db.transaction().execute((trx) => recordPlaced(trx, facts, userId, at)));
  }

  /**
   * A station presenting the site key (any station at a demo upstream) gets a code and a token. A
   * hub is never made by asking: it presents the one-time key the admin issued it (admin.ts) and is
   * enrolled under the code and name issued with it, as a relay.
   */
  async enroll(input: { code: string | null; name: string; demo: boolean }, key: string | null): Promise<{ upstreamId: string; demo: boolean; station: { code: string; name: string }; token: string }> {
    if (input.demo && !this.demo) throw new AppError('sync.demoStore', 'A demo store can never enroll with a real upstream');
    const db = this.store.db;
    const hub = key === null ? undefined : await db.selectFrom('upstream_hub_keys').selectAll().where('key_hash', '=', hash(key)).where('used_at', 'is', null).executeTakeFirst();
    if (!hub && !this.demo && !sameSecret(key, this.options.enrollKey!)) throw new AppError('sync.wrongSiteKey', 'Enrolling here needs the site key; the key given is missing or wrong');
    const token = randomBytes(32).toString('hex');
    const at = this.now().toISOString();
    const code = await this.inTurn(() => db.transaction().execute(async (trx) => {
      if (hub) {
        const spent = await trx.updateTable('upstream_hub_keys').set({ used_at: at }).where('code', '=', hub.code).where('used_at', 'is', null).executeTakeFirst();
        if (!spent.numUpdatedRows) throw new AppError('sync.wrongSiteKey', 'This hub key was used already; the admin issues a new one');
        await trx.insertInto('upstream_stations').values({ code: hub.code, name: hub.name, token_hash: hash(token), enrolled_at: at, revoked_at: null, last_seen_at: null, relay: 1 }).execute();
        return hub.code;
      }
      // A revoked station's code stays taken: revoking it is final, and its lot ids stay its own.
      const taken = new Set(await heldCodes(trx));
      let chosen = input.code;
      if (chosen && taken.has(chosen)) throw new AppError('sync.codeTaken', `Station code ${chosen} is already enrolled here`, { code: chosen });
      chosen ??= [...demoStations.map((s) => s.code), ...Array.from({ length: 99 }, (_, i) => `S${i + 1}`)].find((c) => !taken.has(c)) ?? null;
      if (!chosen) throw new AppError('sync.codeTaken', 'No free station code is left');
      await trx.insertInto('upstream_stations').values({ code: chosen, name: input.name, token_hash: hash(token), enrolled_at: at, revoked_at: null, last_seen_at: null, relay: 0 }).execute();
      return chosen;
    }));
    // A station that chose its code keeps the name it chose; one that let the upstream choose is named after the code handed out.
    const name = hub?.name ?? (input.code ? input.name : demoStations.find((s) => s.code === code)?.name ?? input.name);
    return { upstreamId: this.id, demo: this.demo, station: { code, name }, token };
  }

  /**
   * The codes the site's stations and hubs hold (revoked ones too: they stay taken), told only to
   * whoever presents the site key (anyone at a demo upstream), so a joining station can suggest a free one.
   */
  async takenCodes(key: string | null): Promise<string[]> {
    if (!this.demo && !sameSecret(key, this.options.enrollKey!)) throw new AppError('sync.wrongSiteKey', 'Enrolling here needs the site key; the key given is missing or wrong');
    return heldCodes(this.store.db);
  }

  /**
   * The station a token belongs to (and whether it is a hub relaying others), or null for an
   * unknown or revoked token. Marks it seen, at most once a minute, so a station that only pulls
   * shows when it last asked.
   */
  async authenticate(token: string | null): Promise<{ code: string; relay: boolean } | null> {
    if (!token) return null;
    const row = await this.store.db.selectFrom('upstream_stations').select(['code', 'relay', 'last_seen_at']).where('token_hash', '=', hash(token)).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    const now = this.now();
    if (!row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) > seenEveryMs)
      await this.store.db.updateTable('upstream_stations').set({ last_seen_at: now.toISOString() }).where('code', '=', row.code).execute();
    return { code: row.code, relay: row.relay === 1 };
  }

  revoke(code: string): Promise<void> {
    return revokeStation(this.store.db, code, this.now());
  }

  async head(): Promise<number> {
    const row = await this.store.db.selectFrom('events').select((eb) => eb.fn.max('upstream_seq').as('head')).where('upstream_seq', 'is not', null).executeTakeFirst();
    return Number(row?.head ?? 0);
  }

  /** Applies a station's batch in order; each event answered applied, duplicate or rejected. */
  async push(sender: string | { code: string; relay: boolean }, events: WireEvent[]): Promise<PushResult[]> {
    const at = this.now().toISOString();
    const { code: station, relay } = typeof sender === 'string' ? { code: sender, relay: false } : sender;
    return this.inTurn(() => this.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('upstream_stations').set({ last_seen_at: at }).where('code', '=', station).execute();
      let results = await this.acceptAll(trx, { code: station, relay }, events, at);
      if (!results) {
        results = [];
        for (const event of events) results.push(await this.accept(trx, { code: station, relay }, event, at));
      }
      const placed = new Set(results.filter((r) => r.status === 'applied').map((r) => r.id));
      await recordConsequences(trx, events.filter((e) => placed.has(e.id)), new Date(at));
      // At a hub, what it took now waits for its own upstream (its link's status counts it).
      const taken = placed.size;
      if (taken) await trx.updateTable('upstream_link').set((eb) => ({ waiting: eb('waiting', '+', taken) })).execute();
      return results;
    }));
  }

  /**
   * The common case, a statement per batch where it can be: the known ids looked up at once, the
   * new events numbered in memory and inserted in a few multi-row statements, then applied in
   * order inside one savepoint, each payload as the authority check read it (read once). Null,
   * with nothing changed, when the batch holds anything else (an event refused before, one the
   * site's facts do not allow (authority.ts), one that does not fit): accept() then answers event
   * by event, as precisely as ever.
   */
  private async acceptAll(trx: Trx, sender: Sender, events: WireEvent[], at: string): Promise<PushResult[] | null> {
    if (repeats(events, (e) => e.id)) return null;
    const known = new Map<string, number | null>();
    for (const ids of chunks(events.map((e) => e.id)))
      for (const row of await trx.selectFrom('events').select(['id', 'upstream_seq']).where('id', 'in', ids).execute()) known.set(row.id, row.upstream_seq);
    const fresh = events.filter((e) => !known.has(e.id));
    if ([...known.values()].some((seq) => seq === null)) return null;
    const payloads = await admitAll(trx, sender, fresh, upstreamStationCode, at);
    if (!payloads) return null;
    let seq = await nextSeq(trx);
    const rows = fresh.map((event) => ({ ...toRow(event), upstream_seq: seq++ }));
    const failed = await attempt(trx, async () => {
      await insertRows(trx, 'events', rows);
      const [held] = await applyInOrder(trx, rows, upstreamStationCode, payloads);
      if (held) throw new AppError('api.invalidInput', `The payload of event ${held} does not parse`);
    });
    if (failed) return null;
    const placed = new Map(rows.map((r) => [r.id, r.upstream_seq]));
    return events.map((e) => (placed.has(e.id) ? { id: e.id, status: 'applied', upstreamSeq: placed.get(e.id)! } : { id: e.id, status: 'duplicate', upstreamSeq: known.get(e.id)! }));
  }

  private async accept(trx: Trx, sender: Sender, event: WireEvent, at: string): Promise<PushResult> {
    const known = await trx.selectFrom('events').select(['upstream_seq', 'status']).where('id', '=', event.id).executeTakeFirst();
    if (known?.upstream_seq) return { id: event.id, status: 'duplicate', upstreamSeq: known.upstream_seq };
    if (known) {
      const refusal = await trx.selectFrom('sync_attention').selectAll().where('event_id', '=', event.id).executeTakeFirst();
      return rejected(event.id, new AppError(refusal?.reason ?? 'sync.rejected', 'refused before', refusal ? (JSON.parse(refusal.params) as Record<string, string>) : {}), refusal?.current ?? null);
    }
    const row = toRow(event);
    let refusal = await refusalOf(trx, sender, event, upstreamStationCode, at);
    if (!refusal)
      refusal = await attempt(trx, async () => {
        await trx.insertInto('events').values({ ...row, upstream_seq: await nextSeq(trx) }).execute();
        if ((await applyStored(trx, row, upstreamStationCode)) === 'held') throw new AppError('api.invalidInput', `The payload of ${event.type} ${event.id} does not parse`);
      });
    if (!refusal) {
      const stored = await trx.selectFrom('events').select('upstream_seq').where('id', '=', event.id).executeTakeFirstOrThrow();
      return { id: event.id, status: 'applied', upstreamSeq: stored.upstream_seq! };
    }
    // One sent for a station the sender does not speak for is answered, not kept: kept, it would take
    // that station's place (station, seq) in the log, and the station's own event would clash with it.
    if (refusal.code === 'sync.foreignStation') return rejected(event.id, refusal, null);
    // Kept, never dropped: the refused event and why, so a retry gets the same answer and a supervisor can see it.
    const current = event.lotId ? ((await trx.selectFrom('lots').selectAll().where('id', '=', event.lotId).executeTakeFirst()) ?? null) : null;
    const currentJson = current ? JSON.stringify(current) : null;
    const stored = await attempt(trx, async () => {
      await trx.insertInto('events').values({ ...row, upstream_seq: null, status: 'rejected' }).execute();
      await trx
        .insertInto('sync_attention')
        .values({ event_id: event.id, kind: 'rejected', reason: refusal.code, params: JSON.stringify(refusal.params), current: currentJson, at, resolved_by: null, resolved_at: null, resolution: null })
        .execute();
    });
    if (stored && stored.code !== 'sync.constraint') throw stored;
    return rejected(event.id, refusal, currentJson);
  }

  async pull(after: number, limit: number): Promise<{ events: PulledEvent[]; next: number; head: number; hasMore: boolean } | { resyncRequired: true; head: number }> {
    const head = await this.head();
    if (after > head) return { resyncRequired: true, head };
    const rows = await this.store.db
      .selectFrom('events')
      .select([...eventColumns, 'upstream_seq'])
      .where('upstream_seq', '>', after)
      .orderBy('upstream_seq')
      .limit(limit)
      .execute();
    const events = rows.map((r) => ({ ...toWire(r), upstreamSeq: r.upstream_seq! }));
    const next = events.length ? events[events.length - 1]!.upstreamSeq : after;
    return { events, next, head, hasMore: next < head };
  }

  // The HQ hub's side: this upstream forwarding onward to its own upstream (see hub.ts).

  /**
   * A station's events this hub accepted and its own upstream then refused (refusals of the hub's
   * own are answered in the push): passed down with every pull, so they reach the station's list.
   */
  async refusalsFor(station: string): Promise<Refusal[]> {
    const rows = await this.store.db
      .selectFrom('sync_attention')
      .innerJoin('events', 'events.id', 'sync_attention.event_id')
      .select(['sync_attention.event_id', 'sync_attention.reason', 'sync_attention.params', 'sync_attention.current'])
      .where('sync_attention.kind', '=', 'rejected')
      .where('events.station', '=', station)
      .where('events.upstream_seq', 'is not', null)
      .orderBy('sync_attention.at', 'desc')
      .limit(maxRefusals)
      .execute();
    return rows.map((r) => ({ id: r.event_id, reason: r.reason, params: JSON.parse(r.params) as Refusal['params'], current: r.current ? (JSON.parse(r.current) as Record<string, unknown>) : null }));
  }

  /** Events this hub holds that its own upstream has not acknowledged. */
  private unforwarded() {
    return (
      this.store.db
        .selectFrom('events')
        .where('parent_seq', 'is', null)
        .where('upstream_seq', 'is not', null)
        .where('station', '!=', upstreamStationCode)
        // One the onward upstream refused stays here, listed; it is not sent again and again.
        .where('id', 'not in', (eb) => eb.selectFrom('sync_attention').select('event_id').where('kind', '=', 'rejected'))
    );
  }

  /** The next of them to forward, in this hub's order. */
  async relayOutbox(limit: number): Promise<WireEvent[]> {
    const rows = await this.unforwarded().select(eventColumns).orderBy('upstream_seq').limit(limit).execute();
    return rows.map(toWire);
  }

  /** How many of them wait here for the hub's upstream. */
  async waiting(): Promise<number> {
    const row = await this.unforwarded().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Records the onward upstream's answers; one it refused stays here, listed for a supervisor. */
  async relayAcknowledged(results: PushResult[]): Promise<void> {
    const at = this.now().toISOString();
    await this.inTurn(() =>
      this.store.db.transaction().execute(async (trx) => {
        for (const result of results) {
          if (result.status !== 'rejected') {
            await trx.updateTable('events').set({ parent_seq: result.upstreamSeq }).where('id', '=', result.id).where('parent_seq', 'is', null).execute();
            continue;
          }
          const row = { kind: 'rejected' as const, reason: result.reason, params: JSON.stringify(result.params), current: result.current ? JSON.stringify(result.current) : null, at };
          await trx
            .insertInto('sync_attention')
            .values({ event_id: result.id, ...row, resolved_by: null, resolved_at: null, resolution: null })
            .onConflict((oc) => oc.column('event_id').doUpdateSet(row))
            .execute();
        }
      }),
    );
  }

  /**
   * Takes in a page pulled from the onward upstream: events this hub forwarded get their place
   * there; others (the platform's, other sites') join this hub's order, applied like any push.
   */
  async relayIn(events: PulledEvent[], next: number): Promise<void> {
    await this.inTurn(() =>
      this.store.db.transaction().execute(async (trx) => {
        for (const event of events) {
          const known = await trx.selectFrom('events').select('id').where('id', '=', event.id).executeTakeFirst();
          if (known) {
            await trx.updateTable('events').set({ parent_seq: event.upstreamSeq }).where('id', '=', event.id).execute();
            continue;
          }
          const row = toRow(event);
          await trx.insertInto('events').values({ ...row, upstream_seq: await nextSeq(trx), parent_seq: event.upstreamSeq }).execute();
          let outcome: 'applied' | 'held' = 'held';
          const failed = await attempt(trx, async () => {
            outcome = await applyStored(trx, row, upstreamStationCode);
          });
          if (failed || outcome === 'held') await trx.updateTable('events').set({ status: 'held' }).where('id', '=', event.id).execute();
        }
        await trx.updateTable('upstream_parent').set({ cursor: next }).execute();
      }),
    );
  }

  /** The onward upstream forgot what it told this hub (restored from a backup): start over with it. */
  async relayResync(from: number): Promise<void> {
    await this.inTurn(() =>
      this.store.db.transaction().execute(async (trx) => {
        await trx.updateTable('events').set({ parent_seq: null }).where('parent_seq', '>', from).execute();
        await trx.updateTable('upstream_parent').set({ cursor: from }).execute();
      }),
    );
  }
}

function rejected(id: string, error: AppError, current: string | null): PushResult {
  return { id, status: 'rejected', reason: error.code, params: error.params, current: current ? (JSON.parse(current) as Record<string, unknown>) : null };
}
