import { copyFileSync, rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { createApp } from '../app/app';
import { withStore } from '../sync/faults/stations';
import { deskSession } from '../testing/deskSession';
import { demoSite } from '../testing/demoSite';
import { joinSite } from '../testing/joinSite';
import { demoStoreFile, tempStoreFile } from '../testing/tempStore';
import { passSnapshotLotNumbers } from './service';

// A station's next lot number is never one the site already holds under its code.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

it('never numbers again a lot the site holds, after the store is restored from an older copy of itself', async () => {
  const { upstream, url } = await demoSite(open);
  const file = tempStoreFile('desk.db');
  const app = await createApp(file, { devicePollMs: 0, syncIntervalMs: 60_000 });
  await joinSite(app, url);
  await app.close();

  const monday = await deskSession(file, 2);
  const copy = tempStoreFile('desk-monday.db');
  copyFileSync(file, copy);
  const tuesday = await deskSession(file, 2);
  // The desk's disk fails; Monday's copy is put back.
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  copyFileSync(copy, file);
  const wednesday = await deskSession(file, 1);

  const code = monday.ids[0]!.split('-')[2];
  expect(wednesday.ids).toEqual([monday.ids[0]!.replace(/\d{6}$/, '000005')]);
  expect([...monday.ids, ...tuesday.ids].map((id) => id.slice(-6))).toEqual(['000001', '000002', '000003', '000004']);
  expect(wednesday).toMatchObject({ refused: 0, conflicts: 0 });
  const atUpstream = await upstream.store.db.selectFrom('lots').select('id').where('station', '=', code!).orderBy('id').execute();
  expect(atUpstream.map((l) => l.id)).toEqual([...monday.ids, ...tuesday.ids, ...wednesday.ids]);
});

it('moves the counter past the highest lot of its own code in a snapshot just installed, and no other code\'s', async () => {
  await withStore(await demoStoreFile(), async (db) => {
    const ids = (await db.selectFrom('lots').select('id').execute()).map((l) => l.id);
    const highest = Math.max(...ids.filter((id) => id.split('-')[2] === 'R1').map((id) => Number(id.split('-')[3])));
    // Another station's code that starts with this one's, with a higher number: not this station's.
    await db.updateTable('lots').set({ id: `L-26-R10-${String(highest + 50).padStart(6, '0')}` }).where('id', '=', ids.find((id) => !id.endsWith(String(highest).padStart(6, '0')))!).execute();
    await db.updateTable('station').set({ next_lot_number: 1 }).execute();
    await db.transaction().execute((trx) => passSnapshotLotNumbers(trx, 'R1'));
    expect(await db.selectFrom('station').select('next_lot_number').executeTakeFirst()).toEqual({ next_lot_number: highest + 1 });
  });
});
