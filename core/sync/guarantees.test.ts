import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { issueHubKey } from '../../upstream/admin';
import { deskSession } from '../testing/deskSession';
import { demoSite } from '../testing/demoSite';
import { tempStoreFile } from '../testing/tempStore';
import { enroll, push } from './client';
import type { PushResult } from './protocol';
import { enrolledStation, eventsOf, sync, syncState, withStore } from './faults/stations';
import { outbox } from './store';

// Guarantees of sync held by a rule, each tested with a fault placed on purpose rather than by a
// kill that may or may not land at the right moment.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

it('a pulled page whose applying fails half-way leaves neither its events nor its cursor: the next round brings it whole', { timeout: 60_000 }, async () => {
  const { url } = await demoSite(open);
  const desk = tempStoreFile('desk.db');
  const other = tempStoreFile('other.db');
  const code = await enrolledStation(desk, url, 'Receiving desk');
  await enrolledStation(other, url, 'QC bench');
  await deskSession(desk, 3);
  const made = await withStore(desk, (db) => eventsOf(db, code));
  expect(made).toBeGreaterThanOrEqual(3);

  // The disk refuses the page's second event from the desk, after the first was written in the same transaction.
  const second = await withStore(desk, (db) => db.selectFrom('events').select('id').where('station', '=', code).orderBy('seq').offset(1).limit(1).executeTakeFirstOrThrow());
  const before = (await withStore(other, syncState)).cursor;
  await withStore(other, (db) =>
    sql.raw(`CREATE TRIGGER disk_fault BEFORE INSERT ON events WHEN NEW.id = '${second.id}' BEGIN SELECT RAISE(ABORT, 'disk fault'); END`).execute(db),
  );
  await expect(sync(other)).rejects.toThrow('disk fault');
  expect((await withStore(other, syncState)).cursor).toBe(before);
  expect(await withStore(other, (db) => eventsOf(db, code))).toBe(0);

  await withStore(other, (db) => sql.raw('DROP TRIGGER disk_fault').execute(db));
  expect((await sync(other)).pulled).toBeGreaterThanOrEqual(made);
  expect(await withStore(other, (db) => eventsOf(db, code))).toBe(made);
  expect((await withStore(other, syncState)).cursor).toBeGreaterThan(before);
});

it('the same event pushed twice is answered "duplicate" and kept once, from its own station and from a hub relaying it, batch or event by event', { timeout: 60_000 }, async () => {
  const { upstream, url } = await demoSite(open);
  const desk = tempStoreFile('desk.db');
  const code = await enrolledStation(desk, url, 'Receiving desk');
  await deskSession(desk, 2, { offline: true });
  const events = await withStore(desk, (db) => outbox(db, 100));
  const token = (await withStore(desk, syncState)).token;
  const fromDesk = { url, token, timeoutMs: 20_000 };
  const hubToken = (await enroll({ url, token: null, enrollKey: (await issueHubKey(upstream.store.db, 'HQ hub')).key }, { code: null, name: 'HQ hub', demo: false })).data.token;
  const fromHub = { url, token: hubToken, timeoutMs: 20_000 };
  const statuses = (results: { status: string }[]) => results.map((r) => r.status);
  const places = (results: PushResult[]) => results.map((r) => ('upstreamSeq' in r ? r.upstreamSeq : null));

  // A batch carrying each event twice is answered event by event (the upstream's careful path).
  const first = (await push(fromDesk, [...events, ...events])).data.results;
  expect(statuses(first)).toEqual([...events.map(() => 'applied'), ...events.map(() => 'duplicate')]);
  const placed = places(first.slice(0, events.length));
  expect(places(first.slice(events.length))).toEqual(placed);
  // Again from the desk (its acknowledgement lost), in one batch (the quick path), and relayed by the hub both ways.
  for (const [link, batch] of [[fromDesk, events], [fromHub, events], [fromHub, [...events, ...events]]] as const) {
    const results = (await push(link, [...batch])).data.results;
    expect(statuses(results)).toEqual(batch.map(() => 'duplicate'));
    expect(places(results)).toEqual([...placed, ...placed].slice(0, batch.length));
  }
  expect(await eventsOf(upstream.store.db, code)).toBe(events.length);
  const lots = await upstream.store.db.selectFrom('lots').select('id').where('station', '=', code).execute();
  expect(lots).toHaveLength(2);
});
