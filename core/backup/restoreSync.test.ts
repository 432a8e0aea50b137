import { afterEach, expect, it } from 'vitest';
import { seedDemoUpstream } from '../../upstream/demo';
import { startUpstreamServer } from '../../upstream/server';
import { Upstream } from '../../upstream/service';
import { createApp } from '../app/app';
import { exit } from '../cli/command';
import { deskSession } from '../testing/deskSession';
import { hq } from '../testing/hq';
import { joinSite } from '../testing/joinSite';
import { tempStoreFile } from '../testing/tempStore';

// A station put back by `hq restore` from an older backup of itself syncs and goes on receiving.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

it('numbers its next lot past the ones made after the backup, once restored and synced', { timeout: 120_000 }, async () => {
  const upstream = await Upstream.open(tempStoreFile('upstream.db'), { demo: true });
  open.push(upstream);
  await seedDemoUpstream(upstream);
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  open.push(server);
  const file = tempStoreFile('desk.db');
  const app = await createApp(file, { devicePollMs: 0, syncIntervalMs: 60_000 });
  await joinSite(app, server.url);
  await app.close();

  const monday = await deskSession(file, 2);
  const backup = tempStoreFile('desk-monday.db');
  expect((await hq('backup', '--db', file, '--out', backup)).code).toBe(exit.ok);
  const tuesday = await deskSession(file, 2);
  expect((await hq('restore', '--db', file, '--from', backup)).code).toBe(exit.ok);
  const wednesday = await deskSession(file, 1);

  expect(wednesday).toMatchObject({ refused: 0, conflicts: 0 });
  expect(wednesday.ids).toEqual([monday.ids[0]!.replace(/\d{6}$/, '000005')]);
  const code = monday.ids[0]!.split('-')[2]!;
  const atUpstream = await upstream.store.db.selectFrom('lots').select('id').where('station', '=', code).orderBy('id').execute();
  expect(atUpstream.map((l) => l.id)).toEqual([...monday.ids, ...tuesday.ids, ...wednesday.ids]);
});
