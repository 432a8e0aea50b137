import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { roles, type Role } from '../core/api/roles';
import { eventCatalog } from '../core/events/catalog';
import type { PulledEvent, PushResult, WireEvent } from '../core/sync/protocol';
import { freshPgUrl } from './pg/testing';
import type { UpstreamTarget } from './pg/store';
import { tempStoreFile } from '../core/testing/tempStore';
import { seedDemoUpstream } from './demo';
import { startUpstreamServer } from './server';
import { Upstream } from './service';

// A rogue station with a valid token, pushing to a real upstream over HTTP: what the upstream
// takes is decided from the site's own facts, never from what the station says.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const storages = ['sqlite', 'postgresql'] as const;

async function target(storage: (typeof storages)[number]): Promise<UpstreamTarget> {
  return storage === 'sqlite' ? { file: tempStoreFile('upstream.db') } : { pg: await freshPgUrl() };
}

async function call<T>(url: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'karakana-protocol': '1', 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(json.error?.message ?? `HTTP ${response.status}`);
  return json;
}

/** An enrolled station as the upstream sees it: its code and token, and the next number of its log. */
class Speaker {
  private seq = 0;
  constructor(
    readonly url: string,
    readonly code: string,
    readonly token: string,
  ) {}

  static async enroll(url: string, code: string | null = null): Promise<Speaker> {
    const enrolled = await call<{ station: { code: string }; token: string }>(url, '/sync/v1/enroll', null, { code, name: 'Bench', demo: true });
    return new Speaker(url, enrolled.station.code, enrolled.token);
  }

  event(type: string, payload: Record<string, unknown>, userId: string, more: Partial<WireEvent> = {}): WireEvent {
    const lotId = typeof payload.lotId === 'string' ? payload.lotId : null;
    return { id: randomUUID(), station: this.code, seq: ++this.seq, type, lotId, payload, userId, at: new Date().toISOString(), ...more };
  }

  async push(...events: WireEvent[]): Promise<PushResult[]> {
    return (await call<{ results: PushResult[] }>(this.url, '/sync/v1/push', this.token, { events })).results;
  }

  async pulledIds(): Promise<Set<string>> {
    const page = await call<{ events: PulledEvent[] }>(this.url, '/sync/v1/pull?after=0&limit=5000', this.token);
    return new Set(page.events.map((e) => e.id));
  }
}

const refusal = (result: PushResult | undefined) => (result?.status === 'rejected' ? result.reason : result?.status);

describe.each(storages)('what the upstream takes, stored in %s', (storage) => {
  async function site() {
    const upstream = await Upstream.open(await target(storage), { demo: true });
    open.push(upstream);
    await seedDemoUpstream(upstream);
    const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
    open.push(server);
    const people = new Map((await upstream.store.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
    const id = (username: string) => people.get(username)!;
    const [rogue, honest] = [await Speaker.enroll(server.url), await Speaker.enroll(server.url)];
    return { db: upstream.store.db, url: server.url, id, rogue, honest };
  }

  const receipt = (lotId: string) => ({ lotId, designSku: 'BR-CUF-001', artisanId: 'A-00001', finish: 'polished', deliveryCode: null, quantity: 10, weightG: null, state: 'in_qc' });

  it('refuses people a rogue station names: no admin of its own making, no PIN reset of the real admin', async () => {
    const { db, id, rogue, honest } = await site();
    const before = await db.selectFrom('users').select(['id', 'roles', 'pin_hash']).orderBy('id').execute();
    const intruder = randomUUID();
    const added = { id: intruder, username: 'intruder', name: 'Intruder', roles: ['admin'], pinHash: 'x'.repeat(40) };
    const events = [
      // Naming itself, as the site's first admin would: the site has an admin already.
      rogue.event('user.added', added, intruder),
      // Naming a user the site does not have.
      rogue.event('user.added', { ...added, id: randomUUID(), username: 'intruder2' }, randomUUID()),
      // Naming a clerk of the site, who may not manage people.
      rogue.event('user.added', { ...added, id: randomUUID(), username: 'intruder3' }, id('wanjiru')),
      rogue.event('user.pinReset', { id: id('grace'), pinHash: 'y'.repeat(40) }, id('wanjiru')),
      rogue.event('user.pinReset', { id: id('grace'), pinHash: 'y'.repeat(40) }, intruder),
    ];
    const results = await rogue.push(...events);
    expect(results.map(refusal)).toEqual(['sync.unknownUser', 'sync.unknownUser', 'sync.notAllowed', 'sync.notAllowed', 'sync.unknownUser']);
    expect(await db.selectFrom('users').select(['id', 'roles', 'pin_hash']).orderBy('id').execute()).toEqual(before);
    const pulled = await honest.pulledIds();
    for (const event of events) expect(pulled.has(event.id)).toBe(false);
  });

  it('takes people facts from the site admin, and refuses them once the admin is disabled at that point of the log', async () => {
    const { db, id, rogue } = await site();
    const clerk = { id: randomUUID(), username: 'njeri', name: 'Njeri', roles: ['clerk'], pinHash: 'z'.repeat(40) };
    const disable = rogue.event('user.disabled', { id: id('grace'), disabled: true }, id('grace'));
    const later = rogue.event('user.added', clerk, id('grace'));
    expect((await rogue.push(disable, later)).map(refusal)).toEqual(['applied', 'sync.userDisabled']);
    expect(await db.selectFrom('users').select('id').where('id', '=', clerk.id).executeTakeFirst()).toBeUndefined();
  });

  it('takes a lock only from the user it locks, and for five minutes at most whatever it says', async () => {
    const { db, id, rogue } = await site();
    const at = new Date('2026-12-05T08:00:00.000Z');
    const lock = (user: string, actor: string, until: string) => rogue.event('user.locked', { id: id(user), until }, id(actor), { at: at.toISOString() });
    const lockedUntil = async (user: string) => (await db.selectFrom('users').select('locked_until').where('id', '=', id(user)).executeTakeFirstOrThrow()).locked_until;
    const results = await rogue.push(lock('grace', 'wanjiru', '2026-12-05T08:05:00.000Z'), lock('wanjiru', 'wanjiru', '2099-01-01T00:00:00.000Z'));
    expect(results.map(refusal)).toEqual(['sync.notAllowed', 'applied']);
    expect(await lockedUntil('grace')).toBeNull();
    // Written from the rule, not the code: five minutes after the event's own time.
    expect(await lockedUntil('wanjiru')).toBe('2026-12-05T08:05:00.000Z');
  });

  it('refuses a lot id of another station or free text, a wire lot id not the payload\'s, unknown or oversized payload keys, a time that is not one', async () => {
    const { db, id, rogue, honest } = await site();
    const clerk = id('wanjiru');
    const lotsBefore = await db.selectFrom('lots').select('id').execute();
    const events = [
      rogue.event('lot.received', receipt(`L-26-${honest.code}-000001`), clerk),
      rogue.event('lot.received', receipt('free text'), clerk),
      rogue.event('lot.received', receipt(`L-26-${rogue.code}-000001`), clerk, { lotId: `L-26-${rogue.code}-000009` }),
      rogue.event('lot.received', { ...receipt(`L-26-${rogue.code}-000002`), note: 'x' }, clerk),
      rogue.event('lot.received', { ...receipt(`L-26-${rogue.code}-000003`), blob: 'x'.repeat(200_000) }, clerk),
      rogue.event('lot.received', receipt(`L-26-${rogue.code}-000004`), clerk, { at: 'yesterday' }),
    ];
    const results = await rogue.push(...events);
    expect(results.map(refusal)).toEqual(['sync.lotOfOtherStation', 'sync.lotOfOtherStation', 'sync.lotIdMismatch', 'sync.unknownKeys', 'sync.tooLarge', 'sync.badTime']);
    expect(await db.selectFrom('lots').select('id').execute()).toEqual(lotsBefore);
    const pulled = await honest.pulledIds();
    for (const event of events) expect(pulled.has(event.id)).toBe(false);
    // The same receipt, well formed, is taken: the checks refuse the form, not the work.
    expect((await rogue.push(rogue.event('lot.received', receipt(`L-26-${rogue.code}-000005`), clerk))).map(refusal)).toEqual(['applied']);
  });

  it('answers a batch with one refused event in it event by event, taking the rest', async () => {
    const { db, id, rogue } = await site();
    const good = rogue.event('lot.received', receipt(`L-26-${rogue.code}-000001`), id('wanjiru'));
    const bad = rogue.event('lot.received', receipt(`L-26-${rogue.code}-000002`), id('mwangi'));
    const after = rogue.event('lot.moved', { lotId: good.lotId, from: 'in_qc', to: 'refining', quantity: 4, reason: null }, id('otieno'));
    expect((await rogue.push(good, bad, after)).map(refusal)).toEqual(['applied', 'sync.notAllowed', 'applied']);
    expect(await db.selectFrom('lots').select(['id', 'refining']).where('id', 'like', `L-26-${rogue.code}-%`).execute()).toEqual([{ id: good.lotId, refining: 4 }]);
  });

  it('takes pieces out of quarantine only from a supervisor or admin, whatever fact carries them', async () => {
    const { db, id, rogue, honest } = await site();
    const held = rogue.event('lot.received', { ...receipt(`L-26-${rogue.code}-000001`), state: 'quarantine' }, id('wanjiru'));
    const out = (to: string, quantity: number, user: string) => rogue.event('lot.moved', { lotId: held.lotId, from: 'quarantine', to, quantity, reason: null }, id(user));
    const refused = [out('in_qc', 10, 'otieno'), out('scrapped', 10, 'kiprop'), out('returned', 10, 'otieno')];
    const taken = [out('in_qc', 6, 'halima'), out('scrapped', 1, 'grace')];
    // An inspector still moves pieces that are in QC.
    const inQc = rogue.event('lot.moved', { lotId: held.lotId, from: 'in_qc', to: 'refining', quantity: 2, reason: null }, id('otieno'));
    const results = await rogue.push(held, ...refused, ...taken, inQc);
    expect(results.map(refusal)).toEqual(['applied', 'sync.notAllowed', 'sync.notAllowed', 'sync.notAllowed', 'applied', 'applied', 'applied']);
    const lot = await db.selectFrom('lots').select(['quarantine', 'in_qc', 'refining', 'scrapped', 'returned']).where('id', '=', held.lotId).executeTakeFirstOrThrow();
    expect(lot).toEqual({ quarantine: 3, in_qc: 4, refining: 2, scrapped: 1, returned: 0 });
    const pulled = await honest.pulledIds();
    for (const event of refused) expect(pulled.has(event.id)).toBe(false);
  });

  it('refuses the platform\'s facts from any station', async () => {
    const { db, id, rogue } = await site();
    const artisan = rogue.event('artisan.registered', { id: 'A-99999', name: 'Nobody', phone: '0', region: 'Nowhere', joinedOn: '2026-01-01' }, id('grace'));
    expect((await rogue.push(artisan)).map(refusal)).toEqual(['sync.notAllowed']);
    expect(await db.selectFrom('artisans').select('id').where('id', '=', 'A-99999').executeTakeFirst()).toBeUndefined();
  });

  it('refuses lots under this station\'s code pushed by another, so its own receipts never clash with them', async () => {
    const { db, id, rogue, honest } = await site();
    const squatted = rogue.event('lot.received', receipt(`L-26-${honest.code}-000001`), id('wanjiru'), { station: honest.code });
    expect((await rogue.push(squatted)).map(refusal)).toEqual(['sync.foreignStation']);
    const own = honest.event('lot.received', receipt(`L-26-${honest.code}-000001`), id('wanjiru'));
    expect((await honest.push(own)).map(refusal)).toEqual(['applied']);
    expect(await db.selectFrom('lots').select('station').where('id', '=', own.lotId).execute()).toEqual([{ station: honest.code }]);
  });

  it('binds a station code to the first hub that relays it: no other hub, and no direct station, speaks for it', async () => {
    const { db, url, id, honest } = await site();
    // The upstream's admin made these two hubs.
    const [hub, other] = [await Speaker.enroll(url), await Speaker.enroll(url)];
    await db.updateTable('upstream_stations').set({ relay: 1 }).where('code', 'in', [hub.code, other.code]).execute();
    const relayed = new Speaker(url, 'R7', '');
    expect((await hub.push(relayed.event('lot.received', receipt('L-26-R7-000001'), id('wanjiru')))).map(refusal)).toEqual(['applied']);
    expect((await other.push(relayed.event('lot.received', receipt('L-26-R7-000002'), id('wanjiru')))).map(refusal)).toEqual(['sync.foreignStation']);
    // A direct station's code is its own, relayed by no hub.
    const direct = new Speaker(url, honest.code, '');
    expect((await hub.push(direct.event('lot.received', receipt(`L-26-${honest.code}-000001`), id('wanjiru')))).map(refusal)).toEqual(['sync.foreignStation']);
    // A station enrolled here under a code a hub relays already cannot speak for it.
    expect((await hub.push(new Speaker(url, 'R8', '').event('lot.received', receipt('L-26-R8-000001'), id('wanjiru')))).map(refusal)).toEqual(['applied']);
    const late = await Speaker.enroll(url, 'R8');
    expect((await late.push(late.event('lot.received', receipt('L-26-R8-000002'), id('wanjiru')))).map(refusal)).toEqual(['sync.foreignStation']);
    expect(await db.selectFrom('lots').select('id').where('id', 'in', ['L-26-R7-000002', `L-26-${honest.code}-000001`, 'L-26-R8-000002']).execute()).toEqual([]);
  });
});

describe('the first admin of a real site', () => {
  it('is taken from the station that set the site up, once: a second self-made admin is refused', async () => {
    const upstream = await Upstream.open(tempStoreFile('upstream.db'), { enrollKey: 'site-key-0123456789' });
    open.push(upstream);
    const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
    open.push(server);
    const enroll = async (code: string) => {
      const response = await fetch(`${server.url}/sync/v1/enroll`, {
        method: 'POST',
        headers: { 'karakana-protocol': '1', 'content-type': 'application/json', 'karakana-enroll-key': 'site-key-0123456789' },
        body: JSON.stringify({ code, name: code, demo: false }),
      });
      const enrolled = (await response.json()) as { station: { code: string }; token: string };
      return new Speaker(server.url, enrolled.station.code, enrolled.token);
    };
    const [first, second] = [await enroll('R1'), await enroll('R2')];
    const admin = (id: string, username: string) => ({ id, username, name: username, roles: ['admin', 'supervisor'], pinHash: 'p'.repeat(40) });
    const founder = randomUUID();
    expect((await first.push(first.event('user.added', admin(founder, 'amani'), founder))).map(refusal)).toEqual(['applied']);
    const usurper = randomUUID();
    expect((await second.push(second.event('user.added', admin(usurper, 'baraka'), usurper))).map(refusal)).toEqual(['sync.unknownUser']);
    expect((await upstream.store.db.selectFrom('users').select('username').execute()).map((u) => u.username)).toEqual(['amani']);
  });
});

describe('who may make each fact', () => {
  it('is declared by every event type the catalog knows', () => {
    for (const [type, definition] of eventCatalog) {
      const { authority } = definition as { authority?: { by?: string; roles?: unknown } };
      expect(['person', 'station', 'platform'], type).toContain(authority?.by);
      if (authority?.by === 'person' && authority.roles !== 'anyone') {
        expect(Array.isArray(authority.roles) && authority.roles.length > 0, type).toBe(true);
        for (const role of authority.roles as string[]) expect(roles, type).toContain(role);
      }
    }
  });

  // Who does what at HQ, from the domain (docs: the people and their jobs), not from the code.
  const may = (role: Role | 'platform', type: string): boolean => {
    const { authority } = eventCatalog.get(type)!;
    if (role === 'platform' || authority.by !== 'person') return authority.by === role;
    return authority.roles === 'anyone' || authority.roles.includes(role);
  };
  const domain: [Role | 'platform', string, boolean][] = [
    ['clerk', 'lot.received', true],
    ['packer', 'lot.received', false],
    ['inspector', 'qc.decided', true],
    ['clerk', 'qc.decided', false],
    ['packer', 'packing.shipped', true],
    ['inspector', 'packing.shipped', false],
    ['planner', 'plating.planPublished', true],
    ['operator', 'plating.planPublished', false],
    ['operator', 'plating.batchStarted', true],
    ['planner', 'plating.batchStarted', false],
    ['supervisor', 'plating.metalOverridden', true],
    ['operator', 'plating.metalOverridden', false],
    ['admin', 'user.added', true],
    ['supervisor', 'user.added', false],
    ['admin', 'user.pinReset', true],
    ['clerk', 'user.pinReset', false],
    ['admin', 'device.saved', true],
    ['supervisor', 'qc.reducedApproved', true],
    ['inspector', 'qc.reducedApproved', false],
    ['supervisor', 'lot.moved', true],
    ['supervisor', 'quarantine.decided', true],
    ['admin', 'quarantine.decided', true],
    ['clerk', 'quarantine.decided', false],
    ['inspector', 'quarantine.decided', false],
    ['platform', 'artisan.registered', true],
    ['platform', 'design.published', true],
    ['platform', 'deliveryNotice.sent', true],
    ['platform', 'customerOrder.placed', true],
    ['admin', 'customerOrder.placed', false],
    // A pack a shipped box left without is taken out by the upstream alone, never by a table.
    ['platform', 'packing.leftOut', true],
    ['packer', 'packing.leftOut', false],
    ['supervisor', 'packing.leftOut', false],
  ];
  it.each(domain)('%s making %s: %s', (role, type, allowed) => {
    expect(may(role, type)).toBe(allowed);
  });
});
