import { gunzipSync, gzipSync } from 'node:zlib';
import { pull } from '../../sync/client';
import { maxPullPage, pushResponse } from '../../sync/protocol';
import { syncOnce } from '../../sync/sync';
import type { BenchCase, Figure } from '../benchCase';
import { recordLocalWork } from '../localWork';
import { peakMemory } from '../measure';
import { actingAs, linkOf, maxUpstreamSeqMs, openBenchSite, pushPhaseEnd, spent, type UpstreamProbe } from '../syncSite';

const localEvents = 50_000;

const perEvent = (ms: number, events: number) => (ms * 1000) / events;

/**
 * The station's own share of HTTP + gzip + JSON for the pushes just made, replayed on their own:
 * the request body encoded as client.ts encodes it, the answer decoded and checked as it parses
 * it. (The upstream's share is in the requests it timed.)
 */
function stationCodecMs(probe: UpstreamProbe): number {
  let ms = 0;
  for (const { events, results } of probe.pushed) {
    let start = performance.now();
    gzipSync(JSON.stringify({ events }));
    ms += performance.now() - start;
    const answer = gzipSync(JSON.stringify({ upstreamId: 'u', serverTime: new Date().toISOString(), results }));
    start = performance.now();
    pushResponse.parse(JSON.parse(gunzipSync(answer).toString('utf8')));
    ms += performance.now() - start;
  }
  return ms;
}

/**
 * Push and pull throughput on loopback. A fresh demo upstream (SQLite, temp file) over real HTTP;
 * station A records `localEvents` receipts and moves through record(), then one syncOnce pushes
 * them; a second fresh station B then pulls the whole log with one syncOnce. Each direction is
 * split into the upstream's own work (its push/pull methods, timed on the instance), HTTP + gzip +
 * JSON + zod at both ends, and the station's store work, so a missed target says what to fix.
 */
export const benchCase: BenchCase = {
  name: `sync throughput on loopback: ${localEvents.toLocaleString('en')} events pushed, then pulled with the site's reference data`,
  targets: { 'push events/s': { above: 20_000 }, 'pull events/s': { above: 20_000 } },
  async run(env) {
    const site = await openBenchSite({ demo: true });
    try {
      const a = await site.station('a');
      await syncOnce(a.store.db); // the site's users, artisans and designs
      // A supervisor, who may both receive and move pieces: the upstream takes each fact only from someone who may make it.
      await recordLocalWork(await actingAs(a, 'halima'), localEvents, env.random);

      site.probe.reset();
      const pushStart = performance.now();
      const pushed = await syncOnce(a.store.db);
      if (pushed.pushed !== localEvents) throw new Error(`Pushed ${pushed.pushed} events of ${localEvents}`);
      const pushRequests = site.probe.requests.filter((r) => r.path === '/sync/v1/push');
      const pushMs = pushPhaseEnd(site.probe) - pushStart;
      const upstreamApply = spent(site.probe.pushes);
      const upstreamHttp = spent(pushRequests) - upstreamApply;
      const stationCodec = stationCodecMs(site.probe);
      // Upstream.push numbers each batch from nextSeq(): max(upstream_seq) over the whole log.
      const nextSeq = await maxUpstreamSeqMs(site.upstream.store.db);
      const upstreamEvents = await site.upstream.head();

      // Pull: a new station pulls the whole log (not starting from a snapshot: 62-initialLoad measures that).
      const b = await site.station('b');
      site.probe.reset();
      const pullStart = performance.now();
      const { result: pulled, rssMb, heapMb } = await peakMemory(() => syncOnce(b.store.db, { snapshot: false }));
      const pullMs = performance.now() - pullStart;
      if (pulled.pulled !== upstreamEvents) throw new Error(`Station B pulled ${pulled.pulled} events of the upstream's ${upstreamEvents}`);

      // The same pages again, fetched and parsed by the client but not applied: what the transport
      // and the upstream cost; the rest of B's syncOnce is the station applying them.
      site.probe.reset();
      const link = await linkOf(b);
      const transportStart = performance.now();
      for (let after = 0; ; ) {
        const { data } = await pull(link, after, maxPullPage);
        if (!('events' in data)) throw new Error('The upstream asked for a resync');
        after = data.next;
        if (!data.hasMore) break;
      }
      const transportMs = performance.now() - transportStart;
      const upstreamRead = spent(site.probe.pulls);

      const n = localEvents;
      const m = pulled.pulled;
      const figures: Figure[] = [
        { name: 'push events/s', value: (n / pushMs) * 1000, unit: 'events/s' },
        { name: 'push: upstream apply (Upstream.push)', value: perEvent(upstreamApply, n), unit: 'µs/event' },
        { name: 'push: HTTP + gzip + JSON + zod, both ends', value: perEvent(upstreamHttp + stationCodec, n), unit: 'µs/event' },
        { name: "push: the station's outbox and recording of answers, where not overlapped with the upstream's work", value: perEvent(pushMs - upstreamApply - upstreamHttp - stationCodec, n), unit: 'µs/event' },
        { name: `upstream nextSeq() max(upstream_seq), once per pushed batch, at ${upstreamEvents.toLocaleString('en')} events`, value: nextSeq.asWritten, unit: 'ms' },
        { name: 'the same, WHERE upstream_seq IS NOT NULL (partial index)', value: nextSeq.indexed, unit: 'ms' },
        { name: 'pull events/s', value: (m / pullMs) * 1000, unit: 'events/s' },
        { name: 'pull: upstream read (Upstream.pull)', value: perEvent(upstreamRead, m), unit: 'µs/event' },
        { name: 'pull: HTTP + gzip + JSON + zod, both ends', value: perEvent(transportMs - upstreamRead, m), unit: 'µs/event' },
        { name: 'pull: station (applyPulledPage, syncOnce checks per page)', value: perEvent(pullMs - transportMs, m), unit: 'µs/event' },
        { name: 'pull: memory, upstream and station in one process: peak resident', value: rssMb, unit: 'MB' },
        { name: 'pull: peak JavaScript heap', value: heapMb, unit: 'MB' },
      ];
      return figures;
    } finally {
      await site.close();
    }
  },
};
