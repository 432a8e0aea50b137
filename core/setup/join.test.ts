import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPgUrl } from '../../upstream/pg/testing';
import { startUpstreamServer } from '../../upstream/server';
import { Upstream } from '../../upstream/service';
import { createApp, type App } from '../app/app';
import { exit } from '../kernel/command';
import { hq } from '../testing/hq';
import { tempStoreFile } from '../testing/tempStore';

// A station joining its site from the first screen says what it is: the code and name chosen
// there are the ones it keeps, at the station and at the upstream, and a code another station
// holds is refused. The upstream is real, on SQLite and on PostgreSQL, over loopback HTTP.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close().catch(() => undefined);
});

const siteKey = 'eldoret-site-key-2026';
const catalog = (language: string) => JSON.parse(readFileSync(new URL(`../../renderer/src/i18n/${language}.json`, import.meta.url), 'utf8'));

async function site(storage: 'sqlite' | 'postgresql') {
  const upstream = await Upstream.open(storage === 'sqlite' ? { file: tempStoreFile('upstream.db') } : { pg: await freshPgUrl() }, { enrollKey: siteKey });
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  open.push(upstream, server);
  return { upstream, url: server.url };
}

/** A fresh station whose sync loop would not look for an enrollment by itself for ten minutes. */
async function freshStation(): Promise<App> {
  const app = await createApp(tempStoreFile(), { devicePollMs: 0, syncIntervalMs: 600_000, enrollmentPollMs: 600_000 });
  open.push(app);
  return app;
}

const stationOf = async (app: App) => (await app.store.db.selectFrom('station').select(['code', 'name']).execute())[0];

describe.each(['sqlite', 'postgresql'] as const)('joining a site from the first screen (upstream on %s)', (storage) => {
  it('gives each station exactly the code and name chosen, refuses a code another holds, and starts syncing at once', async () => {
    const { upstream, url } = await site(storage);
    const packing = await freshStation();
    const desk = await freshStation();
    expect(await packing.call({ name: 'setup.joinSite', input: { url, siteKey, stationCode: 'P2', stationName: 'Packing table' } })).toMatchObject({ ok: true, data: { code: 'P2', name: 'Packing table' } });
    expect(await desk.call({ name: 'setup.joinSite', input: { url, siteKey, stationCode: 'R1', stationName: 'Front desk' } })).toMatchObject({ ok: true, data: { code: 'R1', name: 'Front desk' } });
    expect(await stationOf(packing)).toEqual({ code: 'P2', name: 'Packing table' });
    expect(await stationOf(desk)).toEqual({ code: 'R1', name: 'Front desk' });
    const listed = await upstream.store.db.selectFrom('upstream_stations').select(['code', 'name']).orderBy('code').execute();
    expect(listed).toEqual([{ code: 'P2', name: 'Packing table' }, { code: 'R1', name: 'Front desk' }]);

    const late = await freshStation();
    const refused = await late.call({ name: 'setup.joinSite', input: { url, siteKey, stationCode: 'P2', stationName: 'Packing table 2' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'sync.codeTaken', params: { code: 'P2' } } });
    expect(catalog('en').errors.sync.codeTaken.replace('{{code}}', 'P2')).toBe('Station code P2 is already enrolled at the upstream.');
    expect(catalog('sw').errors.sync.codeTaken).toContain('{{code}}');
    expect(await stationOf(late)).toBeUndefined();
    expect(await late.store.db.selectFrom('sync_state').select('id').execute()).toEqual([]);

    // Joined from the form, the loop started then: the snapshot is in long before the ten-minute look.
    for (let waited = 0; !(await packing.store.db.selectFrom('sync_state').select('last_success_at').executeTakeFirst())?.last_success_at; waited += 50) {
      expect(waited, 'the station joined from the form has not synced').toBeLessThan(20_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('suggests the next free code of the chosen kind, told only to whoever presents the site key', async () => {
    const { url } = await site(storage);
    const desk = await freshStation();
    await desk.call({ name: 'setup.joinSite', input: { url, siteKey, stationCode: 'R1', stationName: 'Receiving desk' } });
    const fresh = await freshStation();
    const suggest = (letter: string, key?: string) => fresh.call({ name: 'setup.suggestCode', input: { url, letter, ...(key ? { siteKey: key } : {}) } });
    expect(await suggest('R', siteKey)).toEqual({ ok: true, data: { code: 'R2' } });
    expect(await suggest('K', siteKey)).toEqual({ ok: true, data: { code: 'K1' } });
    for (const key of [undefined, 'eldoret-site-key-2025']) expect(await suggest('R', key)).toMatchObject({ ok: false, error: { code: 'sync.wrongSiteKey' } });
    const told = await fetch(`${url}/sync/v1/codes`, { headers: { 'karakana-enroll-key': 'eldoret-site-key-2025' } });
    expect(told.status).toBe(401);
    expect(JSON.stringify(await told.json())).not.toContain('R1');
  });
});

describe('hq sync --station --name, as the join form takes them', () => {
  it('enrolls the code and name given, refuses a code of the wrong shape before asking the upstream, and a taken one with its message', async () => {
    const { url } = await site('sqlite');
    const packing = tempStoreFile('packing.db');
    const wrongShape = await hq('sync', '--db', packing, '--upstream', url, '--enroll-key', siteKey, '--station', 'p-2', '--name', 'Packing table', '--once');
    expect(wrongShape.code).toBe(exit.usage);
    expect(wrongShape.stderr).toContain('--station p-2: a station code is a capital letter, then up to 3 capital letters or digits');
    const joined = await hq('sync', '--db', packing, '--upstream', url, '--enroll-key', siteKey, '--station', 'K1', '--name', 'Packing table', '--once');
    expect(joined.stdout).toContain(`Enrolled as station K1 (Packing table) with ${url}`);
    const taken = await hq('sync', '--db', tempStoreFile('second.db'), '--upstream', url, '--enroll-key', siteKey, '--station', 'K1', '--name', 'Packing table 2', '--once');
    expect(taken.code).toBe(exit.failed);
    expect(taken.stderr).toContain('Station code K1 is already enrolled here');
  }, 120_000);
});
