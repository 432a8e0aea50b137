import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/schema';
import { openStore } from '../../core/db/store';
import { enrollStation, syncOnce } from '../../core/sync/sync';
import { tempStoreFile } from '../../core/testing/tempStore';
import { freshPgUrl } from '../pg/testing';
import { startUpstreamServer } from '../server';
import { Upstream } from '../service';

// A design's name and QC checklist in Swahili, published by the platform in the optional columns
// name_sw and qc_checklist_sw, reach a station as they were written; a later file without them
// leaves them as they are.

const platformKey = 'platform-key-for-tests';
const enrollKey = 'site-key-for-tests';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const header = 'sku,name,materials,finishes,unit_weight_g,tolerance_pct,plating_area_cm2,qc_checklist';
const withSwahili = `${header},name_sw,qc_checklist_sw\r\nKA-BNG-104,Ankole Horn Bangle,ankole horn,horn-polished,28,7,0,No cracks;Even polish,Bangili ya Pembe ya Ankole,Hakuna nyufa;Mng’ao ulio sawa\r\n`;
const withoutSwahili = `${header}\r\nKA-BNG-104,Ankole Horn Bangle,ankole horn,horn-polished,28,7,0,No cracks;Even polish\r\n`;

async function post(url: string, body: string) {
  const response = await fetch(`${url}/platform/v1/publish/designs`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${platformKey}` }, body });
  return (await response.json()) as { published: number };
}

async function stationOf(url: string): Promise<Db> {
  const store = await openStore(tempStoreFile());
  open.push(store);
  await enrollStation(store.db, url, { code: null, name: 'Desk', enrollKey });
  await syncOnce(store.db);
  return store.db;
}

describe.each(['sqlite', 'postgresql'] as const)('design words in Swahili at an upstream in %s', (storage) => {
  it('reach the station as published and stay when a later file leaves them out', async () => {
    const upstream = await Upstream.open(storage === 'sqlite' ? { file: tempStoreFile('upstream.db') } : { pg: await freshPgUrl() }, { enrollKey });
    const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1', platformKey });
    open.push(upstream, server);

    expect((await post(server.url, withSwahili)).published).toBe(1);
    expect((await post(server.url, withoutSwahili)).published).toBe(0);
    const db = await stationOf(server.url);
    expect(await db.selectFrom('designs').select(['name', 'name_sw', 'qc_checklist', 'qc_checklist_sw']).execute()).toEqual([
      { name: 'Ankole Horn Bangle', name_sw: 'Bangili ya Pembe ya Ankole', qc_checklist: '["No cracks","Even polish"]', qc_checklist_sw: '["Hakuna nyufa","Mng’ao ulio sawa"]' },
    ]);
  });
});
