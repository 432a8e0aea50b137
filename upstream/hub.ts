import { AppError } from '../core/kernel/errors';
import { enroll, isInsecure, pull, push, type UpstreamLink } from '../core/sync/client';
import { SyncLoop, type LoopOptions } from '../core/sync/loop';
import { maxPullPage } from '../core/sync/protocol';
import type { SyncReport } from '../core/sync/sync';
import { beginLink, reached, roundEnded } from './link';
import type { Upstream } from './service';

// The HQ hub: an upstream that syncs onward to a further upstream with the same protocol. Run at
// HQ, it keeps the site's stations converging over the LAN while the cloud is out of reach, and
// forwards everything once it is back. Its stations' events go onward in the hub's order; what
// comes from beyond (the platform, other sites) joins the hub's order as it arrives.

/** Where a hub links, and with what: the hub key is needed only until its first link. */
export interface HubTarget {
  url: string;
  hubKey: string | null;
  insecureHttp?: boolean;
}

/**
 * What no retry mends, checked in the hub's own store at its start: a hub linked to another
 * upstream, or one not linked yet and given no hub key. Begins its link's record.
 */
export async function prepareHub(upstream: Upstream, target: HubTarget): Promise<boolean> {
  const existing = await upstream.store.db.selectFrom('upstream_parent').select('url').executeTakeFirst();
  if (existing && new URL(existing.url).href !== new URL(target.url).href)
    throw new AppError('sync.otherUpstream', `This hub forwards to ${existing.url}; moving it to ${target.url} is an explicit re-enrollment`, { url: target.url });
  if (!existing && !target.hubKey) throw new AppError('sync.wrongHubKey', `This hub is not linked to ${target.url} yet: it needs the hub key that upstream's admin issued it (--upstream-key)`, { url: target.url });
  if (!existing && isInsecure(target.url) && !target.insecureHttp)
    throw new AppError('sync.insecureHttp', `${target.url} is plain http to another machine: use https, or allow plain http explicitly (--insecure-http)`, { url: target.url });
  await beginLink(upstream.store.db, target.url, new Date().toISOString());
  return !!existing;
}

/**
 * Links the hub to its own upstream once: it presents the hub key that upstream's admin issued it
 * (`hq upstream add-hub` there) and is enrolled under the code and name issued with it, as a relay.
 */
export async function linkHub(upstream: Upstream, target: HubTarget): Promise<void> {
  if (await prepareHub(upstream, target)) return;
  const { url } = target;
  try {
    const { data } = await enroll({ url, token: null, enrollKey: target.hubKey! }, { code: null, name: 'HQ hub', demo: false }, target.insecureHttp);
    await upstream.store.db.insertInto('upstream_parent').values({ id: 1, url, upstream_id: data.upstreamId, code: data.station.code, token: data.token, cursor: 0 }).execute();
  } catch (error) {
    const refused = error instanceof AppError && error.code === 'sync.wrongSiteKey';
    const told = refused
      ? new AppError('sync.wrongHubKey', `wrong hub key: ${url} refused the key given with --upstream-key (wrong, or used already); it will not mend itself: its admin issues a new one (hq upstream add-hub) and the hub is restarted with it`, { url })
      : error;
    await roundEnded(upstream.store.db, { error: told, waiting: await upstream.waiting() }, new Date().toISOString());
    throw told;
  }
}

/** One round onward: forward what the hub's stations made, then take in what is new beyond. */
export async function forwardOnce(upstream: Upstream): Promise<SyncReport> {
  const db = upstream.store.db;
  const parent = await db.selectFrom('upstream_parent').selectAll().executeTakeFirst();
  if (!parent) throw new AppError('sync.notEnrolled', 'This hub is not linked to an upstream');
  const link: UpstreamLink = { url: parent.url, token: parent.token };
  const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0, held: 0, conflicts: 0, cursor: parent.cursor, head: 0, lots: [], history: 0, hubChanged: false };
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
      await reached(db, 'push', new Date().toISOString());
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
      await reached(db, 'pull', new Date().toISOString());
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
    await roundEnded(db, null, new Date().toISOString());
    return report;
  } catch (error) {
    await roundEnded(db, { error, waiting: await upstream.waiting() }, new Date().toISOString());
    throw error;
  }
}

/** The longest wait between a hub's attempts to reach its upstream. */
export const hubMaxBackoffMs = 30_000;

/**
 * The hub's loop: the stations' sync loop, with backoff (to 30 s) and jitter, linking first if it
 * has not yet (the cloud down or refusing at the hub's first start), then forwarding onward each round.
 */
export class HubLoop extends SyncLoop {
  constructor(
    private readonly upstream: Upstream,
    private readonly target: HubTarget,
    options: LoopOptions = {},
  ) {
    super(upstream.store.db, { maxBackoffMs: hubMaxBackoffMs, ...options });
  }

  private linked = false;

  protected override async sync(): Promise<SyncReport> {
    if (!this.linked) await linkHub(this.upstream, this.target);
    this.linked = true;
    return forwardOnce(this.upstream);
  }
}
