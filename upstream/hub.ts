import { AppError } from '../core/api/errors';
import { enroll, pull, push, type UpstreamLink } from '../core/sync/client';
import { SyncLoop, type LoopOptions } from '../core/sync/loop';
import { maxPullPage } from '../core/sync/protocol';
import type { SyncReport } from '../core/sync/sync';
import type { Upstream } from './service';

// The HQ hub: an upstream that syncs onward to a further upstream with the same protocol. Run at
// HQ, it keeps the site's stations converging over the LAN while the cloud is out of reach, and
// forwards everything once it is back. Its stations' events go onward in the hub's order; what
// comes from beyond (the platform, other sites) joins the hub's order as it arrives.

/**
 * Links the hub to its own upstream once: it presents the hub key that upstream's admin issued it
 * (`hq upstream add-hub` there) and is enrolled under the code and name issued with it, as a relay.
 */
export async function linkHub(upstream: Upstream, url: string, hubKey: string | null, insecureHttp = false): Promise<void> {
  const existing = await upstream.store.db.selectFrom('upstream_parent').selectAll().executeTakeFirst();
  if (existing) {
    if (new URL(existing.url).href !== new URL(url).href)
      throw new AppError('sync.otherUpstream', `This hub forwards to ${existing.url}; moving it to ${url} is an explicit re-enrollment`, { url });
    return;
  }
  if (!hubKey) throw new AppError('sync.wrongSiteKey', `This hub is not linked to ${url} yet: it needs the hub key that upstream's admin issued it`, { url });
  const { data } = await enroll({ url, token: null, enrollKey: hubKey }, { code: null, name: 'HQ hub', demo: false }, insecureHttp);
  await upstream.store.db
    .insertInto('upstream_parent')
    .values({ id: 1, url, upstream_id: data.upstreamId, code: data.station.code, token: data.token, cursor: 0, last_success_at: null, last_error: null })
    .execute();
}

/** One round onward: forward what the hub's stations made, then take in what is new beyond. */
export async function forwardOnce(upstream: Upstream): Promise<SyncReport> {
  const parent = await upstream.store.db.selectFrom('upstream_parent').selectAll().executeTakeFirst();
  if (!parent) throw new AppError('sync.notEnrolled', 'This hub is not linked to an upstream');
  const link: UpstreamLink = { url: parent.url, token: parent.token };
  const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0, held: 0, conflicts: 0, cursor: parent.cursor, head: 0, lots: [], history: 0 };
  const same = (id: string) => {
    if (id !== parent.upstream_id) throw new AppError('sync.otherUpstream', `${parent.url} is another upstream than the one this hub enrolled with`, { url: parent.url });
  };
  // The hub's stations' events the upstream has not acknowledged, in the hub's order.
  const forward = async () => {
    for (;;) {
      const batch = await upstream.relayOutbox(500);
      if (batch.length === 0) return;
      const { data } = await push(link, batch);
      same(data.upstreamId);
      await upstream.relayAcknowledged(data.results);
      report.pushed += data.results.filter((r) => r.status !== 'rejected').length;
      report.rejected += data.results.filter((r) => r.status === 'rejected').length;
    }
  };
  try {
    await forward();
    for (;;) {
      const cursor = (await upstream.store.db.selectFrom('upstream_parent').select('cursor').executeTakeFirstOrThrow()).cursor;
      // From one before the cursor: the first event back must be the one this hub holds there, or
      // the upstream has forgotten what it told the hub (restored from a backup).
      const after = Math.max(0, cursor - 1);
      const { data } = await pull(link, after, maxPullPage + cursor - after);
      same(data.upstreamId);
      report.head = data.head;
      if ('resyncRequired' in data) {
        await upstream.relayResync(0);
        continue;
      }
      if (cursor > 0) {
        const held = await upstream.store.db.selectFrom('events').select('id').where('parent_seq', '=', cursor).executeTakeFirst();
        const first = data.events[0];
        if (!first || first.upstreamSeq !== cursor || first.id !== held?.id) {
          await upstream.relayResync(0);
          continue;
        }
      }
      const fresh = data.events.filter((e) => e.upstreamSeq > cursor);
      await upstream.relayIn(fresh, data.next);
      report.pulled += fresh.length;
      report.cursor = data.next;
      if (!data.hasMore) break;
    }
    // After a resync, what the upstream forgot goes to it again.
    await forward();
    await upstream.store.db.updateTable('upstream_parent').set({ last_success_at: new Date().toISOString(), last_error: null }).execute();
    return report;
  } catch (error) {
    await upstream.store.db.updateTable('upstream_parent').set({ last_error: (error as Error).message }).execute();
    throw error;
  }
}

/** The hub's loop: the stations' sync loop, with backoff and jitter, forwarding onward each round. */
export class HubLoop extends SyncLoop {
  constructor(
    private readonly upstream: Upstream,
    options: LoopOptions = {},
  ) {
    super(upstream.store.db, options);
  }

  protected override sync(): Promise<SyncReport> {
    return forwardOnce(this.upstream);
  }
}
