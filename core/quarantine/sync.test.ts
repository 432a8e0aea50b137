import { afterEach, describe, expect, it } from 'vitest';
import { freshPgUrl } from '../../upstream/pg/testing';
import { seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer } from '../../upstream/server';
import { Upstream } from '../../upstream/service';
import { syncOnce } from '../sync/sync';
import { loggedIn, siteStation } from '../testing/joinSite';
import { tempStoreFile } from '../testing/tempStore';

// A quarantine decision made at one station reaches the site: a real upstream over HTTP (SQLite
// and PostgreSQL) and a second station that pulls it.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

describe.each(['sqlite', 'postgresql'] as const)('a quarantine decision, upstream in %s', (storage) => {
  it('travels with its lot: on to QC as the design chosen, at the upstream and at another station', async () => {
    const upstream = await Upstream.open(storage === 'sqlite' ? { file: tempStoreFile('upstream.db') } : { pg: await freshPgUrl() }, { demo: true });
    await seedDemoUpstream(upstream);
    const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
    open.push(upstream, server);
    const [desk, office] = [await siteStation(server.url, open), await siteStation(server.url, open)];
    const clerk = await loggedIn(desk, 'wanjiru', '1111');
    const { code } = await clerk<{ code: string }>('receiving.walkIn', { artisanId: 'A-00002' });
    const item = { deliveryCode: code, lineNo: null, artisanOrderId: null, designSku: 'BR-CUF-001', finish: 'polished', quantity: 9, weighing: null, count: null };
    const { lotId } = await clerk<{ lotId: string }>('receiving.receive', { ...item, variance: { kind: 'unexpected', reason: 'notOnNotice', note: null } });
    const supervisor = await loggedIn(desk, 'halima', '6666');
    await supervisor('quarantine.decide', { lotId, outcome: 'in_qc', designSku: 'BR-CUF-009', finish: 'raw-brass', reason: 'hammered cuffs, not spirals' });
    await syncOnce(desk.store.db);
    await syncOnce(office.store.db);

    const decided = { design_sku: 'BR-CUF-009', finish: 'raw-brass', quarantine: 0, in_qc: 9 };
    expect(await upstream.store.db.selectFrom('lots').select(['design_sku', 'finish', 'quarantine', 'in_qc']).where('id', '=', lotId).executeTakeFirstOrThrow()).toEqual(decided);
    expect(await office.store.db.selectFrom('lots').select(['design_sku', 'finish', 'quarantine', 'in_qc']).where('id', '=', lotId).executeTakeFirstOrThrow()).toEqual(decided);
    expect(await desk.store.db.selectFrom('sync_attention').select('reason').execute()).toEqual([]);
  });
});
