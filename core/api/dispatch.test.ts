import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import { openSqlite, sqlite3 } from '../db/dialect';
import { demoStoreFile, tempStoreFile } from '../testing/tempStore';
import type { CallResult } from './dispatch';

// The one door into the core, as both transports use it: app.call({ name, input, token }).
// Demo people: grace (admin, 9999), wanjiru (clerk, 1111).

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function demoStation(): Promise<App> {
  app = await createApp(await demoStoreFile(), { devicePollMs: 0 });
  return app;
}

async function emptyStation(): Promise<App> {
  app = await createApp(tempStoreFile(), { devicePollMs: 0 });
  return app;
}

const call = (name: string, input: unknown, token?: string) => app!.call({ name, input, token: token ?? null });

async function login(username: string, pin: string): Promise<string> {
  const result = await call('session.login', { username, pin });
  if (!result.ok) throw new Error(`${username} cannot log in: ${result.error.message}`);
  return (result.data as { token: string }).token;
}

function data<T>(result: CallResult): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

/** Everything stored that a call could change. */
async function stored() {
  const db = app!.store.db;
  return {
    users: await db.selectFrom('users').select(['id', 'username', 'name', 'roles', 'disabled']).orderBy('id').execute(),
    station: await db.selectFrom('station').selectAll().execute(),
    events: (await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  };
}

describe('calling something that is not in the contract', () => {
  it('is refused as an unknown procedure, whatever the name', async () => {
    await demoStation();
    for (const name of ['lots.delete', 'toString', '__proto__', 'constructor', ''])
      expect(await call(name, {}), name).toMatchObject({ ok: false, error: { code: 'api.unknownProcedure' } });
  });
});

describe('a call with malformed input', () => {
  it('is refused as invalid input, naming the field, and stores nothing', async () => {
    await demoStation();
    const admin = await login('grace', '9999');
    const before = await stored();
    const good = { name: 'Faith Wanjala', username: 'faith', roles: ['clerk'], pin: '4321' };
    for (const input of [
      { ...good, pin: 4321 }, // wrong type
      { ...good, roles: 'admin' },
      { ...good, roles: ['owner'] },
      { ...good, pin: '12' }, // too short
      { ...good, isAdmin: true }, // a key the contract does not have
      null,
      'faith',
    ]) {
      const result = await call('users.add', input, admin);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
    }
    expect(await call('users.add', { ...good, pin: 4321 }, admin)).toMatchObject({ error: { params: { field: 'pin' } } });
    expect(await stored()).toEqual(before);
  });

  it('says which field and what is wrong as codes the screens translate, never in English', async () => {
    await demoStation();
    const inspector = await login('otieno', '2222');
    const admin = await login('grace', '9999');
    const sort = { lotId: 'L-26-R1-000001', good: 3, bad: 0, badTo: 'returned' };
    const user = { name: 'Faith Wanjala', username: 'faith', roles: ['clerk'], pin: '4321' };
    const refusal = async (name: string, input: unknown, token: string) => {
      const result = await call(name, input, token);
      if (result.ok) throw new Error(`${name} took ${JSON.stringify(input)}`);
      expect(result.error.code).toBe('api.invalidInput');
      return result.error.params;
    };
    expect(await refusal('qc.sort', { ...sort, good: 2.5 }, inspector)).toEqual({ field: 'good', problem: 'notWhole' });
    expect(await refusal('qc.sort', { ...sort, good: -3 }, inspector)).toEqual({ field: 'good', problem: 'atLeast', limit: 0 });
    expect(await refusal('qc.sort', { ...sort, good: undefined }, inspector)).toEqual({ field: 'good', problem: 'missing' });
    expect(await refusal('qc.sort', { ...sort, badTo: 'lost' }, inspector)).toEqual({ field: 'badTo', problem: 'notAChoice' });
    expect(await refusal('scale.simulate', { grams: 200_000 }, admin)).toEqual({ field: 'grams', problem: 'atMost', limit: 100_000 });
    expect(await refusal('users.add', { ...user, pin: '12' }, admin)).toEqual({ field: 'pin', problem: 'badForm' });
    expect(await refusal('users.add', { ...user, roles: [] }, admin)).toEqual({ field: 'roles', problem: 'tooFew', limit: 1 });
    expect(await refusal('users.add', { ...user, name: ' ' }, admin)).toEqual({ field: 'name', problem: 'empty' });
    expect(await refusal('users.add', { ...user, pin: 4321 }, admin)).toEqual({ field: 'pin', problem: 'wrongKind' });
    expect(await refusal('users.add', { ...user, isAdmin: true }, admin)).toEqual({ field: '', problem: 'invalid' });
  });

  it('is refused before login too', async () => {
    await demoStation();
    expect(await call('session.login', { username: 'grace', pin: '9999', remember: true })).toMatchObject({
      ok: false,
      error: { code: 'api.invalidInput' },
    });
  });
});

describe('who may call what is decided in the core', () => {
  it('asks for a login when there is no token or an unknown one', async () => {
    await demoStation();
    expect(await call('lots.count', { filters: {} })).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await call('lots.count', { filters: {} }, 'f'.repeat(64))).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await call('users.list', {})).toMatchObject({ ok: false, error: { code: 'auth.required' } });
  });

  it('refuses a clerk the user list and adding users', async () => {
    await demoStation();
    const clerk = await login('wanjiru', '1111');
    const before = await stored();
    expect(await call('users.list', {}, clerk)).toMatchObject({ ok: false, error: { code: 'auth.forbidden', params: { procedure: 'users.list', roles: 'admin' } } });
    expect(await call('users.add', { name: 'Faith Wanjala', username: 'faith', roles: ['admin'], pin: '4321' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect(await stored()).toEqual(before);
    // What a clerk may do still works.
    const lots = await app!.store.db.selectFrom('lots').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(lots.n).toBeGreaterThan(100);
    expect(data<{ total: number }>(await call('lots.count', { filters: {} }, clerk)).total).toBe(lots.n);
  });

  it('lets an admin add a user, who can then log in with the roles given', async () => {
    await demoStation();
    const admin = await login('grace', '9999');
    const added = data<{ id: string; roles: string[] }>(
      await call('users.add', { name: 'Faith Wanjala', username: 'faith', roles: ['inspector', 'packer'], pin: '4321' }, admin),
    );
    expect(added).toMatchObject({ roles: ['inspector', 'packer'], disabled: false });
    const faith = await login('faith', '4321');
    expect(data(await call('session.me', {}, faith))).toMatchObject({ id: added.id, name: 'Faith Wanjala' });
    expect(await call('users.list', {}, faith)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await call('users.add', { name: 'Faith Two', username: 'FAITH', roles: ['clerk'], pin: '1234' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'user.usernameTaken' },
    });
  });
});

describe('the last admin', () => {
  it('can be neither disabled nor lose the admin role, until there is another admin', async () => {
    await demoStation();
    const admin = await login('grace', '9999');
    const grace = data<{ id: string }>(await call('session.me', {}, admin));
    const before = await stored();
    expect(await call('users.setDisabled', { id: grace.id, disabled: true }, admin)).toMatchObject({ ok: false, error: { code: 'user.lastAdmin' } });
    expect(await call('users.update', { id: grace.id, name: 'Grace Mutua', roles: ['supervisor'] }, admin)).toMatchObject({
      ok: false,
      error: { code: 'user.lastAdmin' },
    });
    expect(await stored()).toEqual(before);

    await call('users.add', { name: 'Halima Admin', username: 'halima2', roles: ['admin'], pin: '7777777' }, admin);
    expect(await call('users.setDisabled', { id: grace.id, disabled: true }, admin)).toMatchObject({ ok: true, data: { disabled: true } });
  });
});

describe('the station code', () => {
  it('cannot change once a lot id carries it; the name still can', async () => {
    await demoStation();
    const admin = await login('grace', '9999');
    expect(await call('station.update', { name: 'Receiving desk', code: 'R2' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'station.codeFixed', params: { code: 'R1' } },
    });
    expect(await call('station.update', { name: 'Front desk', code: 'R1' }, admin)).toMatchObject({
      ok: true,
      data: { code: 'R1', name: 'Front desk', canChangeCode: false },
    });
  });

  it('can change on a new station before its first lot', async () => {
    await emptyStation();
    data(await call('setup.createAdmin', { name: 'Amina Yusuf', username: 'amina', pin: '2468135', stationCode: 'R1', stationName: 'Desk' }));
    const admin = await login('amina', '2468135');
    expect(await call('station.update', { name: 'Desk', code: 'R2' }, admin)).toMatchObject({ ok: true, data: { code: 'R2', canChangeCode: true } });
  });
});

describe('first-start setup', () => {
  it('creates the first admin in an empty store, who can log in', async () => {
    await emptyStation();
    expect(data(await call('setup.state', {}))).toEqual({ hasUsers: false, demo: false, station: null, loading: null });
    data(await call('setup.createAdmin', { name: 'Amina Yusuf', username: 'amina', pin: '2468135', stationCode: 'R1', stationName: 'Desk' }));
    const admin = await login('amina', '2468135');
    expect(data(await call('session.me', {}, admin))).toMatchObject({ roles: ['admin', 'supervisor'] });
  });

  it('creates one admin when the form is sent twice at once, and tells the second that the store is set up', async () => {
    await emptyStation();
    const input = { name: 'Amina Yusuf', username: 'amina', pin: '2468135', stationCode: 'R1', stationName: 'Desk' };
    const results = await Promise.all([call('setup.createAdmin', input), call('setup.createAdmin', { ...input, username: 'amina2' })]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['ok', 'setup.notEmpty']);
    expect((await stored()).users).toHaveLength(1);
  });

  it('loads the demo once when asked twice at once, and tells the second that the store is not empty', async () => {
    await emptyStation();
    const results = await Promise.all([call('setup.loadDemo', {}), call('setup.loadDemo', {})]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['ok', 'setup.notEmpty']);
    expect((await stored()).users).toHaveLength(7);
  });

  it('refuses to load the demo or create an admin once the store holds anything', async () => {
    await demoStation();
    const before = await stored();
    expect(await call('setup.loadDemo', {})).toMatchObject({ ok: false, error: { code: 'setup.notEmpty' } });
    expect(await call('setup.createAdmin', { name: 'Mallory', username: 'mallory', pin: '0000000', stationCode: 'X1', stationName: 'Mine' })).toMatchObject({
      ok: false,
      error: { code: 'setup.notEmpty' },
    });
    expect(await stored()).toEqual(before);
    await expect(login('mallory', '0000000')).rejects.toThrow(/Wrong user name or PIN/);
  });

  it('refuses a second first admin on a station just set up', async () => {
    await emptyStation();
    data(await call('setup.createAdmin', { name: 'Amina Yusuf', username: 'amina', pin: '2468135', stationCode: 'R1', stationName: 'Desk' }));
    expect(await call('setup.loadDemo', {})).toMatchObject({ ok: false, error: { code: 'setup.notEmpty' } });
    expect(await call('setup.createAdmin', { name: 'Mallory', username: 'mallory', pin: '0000000', stationCode: 'X1', stationName: 'Mine' })).toMatchObject({
      ok: false,
      error: { code: 'setup.notEmpty' },
    });
  });
});

describe('a store another program is writing to', () => {
  it('refuses a change as locked, naming the file, and takes it once the other program is done', async () => {
    const file = await demoStoreFile();
    app = await createApp(file, { devicePollMs: 0, busyTimeoutMs: 100 });
    const admin = await login('grace', '9999');
    const other = await openSqlite(file, sqlite3.OPEN_READWRITE);
    const exec = (statement: string) => new Promise<void>((resolve, reject) => other.exec(statement, (e) => (e ? reject(e) : resolve())));
    await exec('BEGIN IMMEDIATE');
    try {
      expect(await call('station.update', { name: 'Front desk', code: 'R1' }, admin)).toEqual({
        ok: false,
        error: { code: 'store.locked', message: `The store ${file} is locked by another program`, params: { file } },
      });
    } finally {
      await exec('ROLLBACK');
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
    expect(await call('station.update', { name: 'Front desk', code: 'R1' }, admin)).toMatchObject({ ok: true, data: { name: 'Front desk' } });
  });
});
