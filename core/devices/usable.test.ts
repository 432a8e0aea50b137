import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../api/dispatch';
import { createApp, type App } from '../app/app';
import { record } from '../events/log';
import { demoPrinterSetups } from '../printing/demo';
import { printerSet } from '../printing/events';
import { deviceSaved } from '../station/events';
import { demoStoreFile, tempStoreFile } from '../testing/tempStore';
import { DeviceMonitor } from './monitor';

// Simulated devices are the demo's alone: a real station (set up as on first start) neither saves
// one nor weighs on or prints to one it already holds. Demo people: grace (admin, 9999).

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const call = (name: string, input: unknown, token: string | null = null) => app!.call({ name, input, token });

function data<T>(result: CallResult): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

async function login(username: string, pin: string): Promise<string> {
  return data<{ token: string }>(await call('session.login', { username, pin })).token;
}

/** A real station as its technician sets it up on first start; its admin's token. */
async function realStation(): Promise<string> {
  app = await createApp(tempStoreFile(), { devicePollMs: 0 });
  data(await call('setup.createAdmin', { name: 'Amina Yusuf', username: 'amina', pin: '2468135', stationCode: 'K1', stationName: 'Kisumu desk' }));
  return login('amina', '2468135');
}

/** A simulated scale and label printer stored as a Karakana without this rule saved them. */
async function storeSimulatedDevices(): Promise<void> {
  const admin = await app!.store.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const actor = { userId: admin.id, station: 'K1', now: () => new Date() };
  const printer = uuidv7();
  await app!.store.db.transaction().execute(async (trx) => {
    await record(trx, actor, deviceSaved, { id: uuidv7(), kind: 'scale', name: 'Old bench scale', driver: 'simulated', address: '' });
    await record(trx, actor, deviceSaved, { id: printer, kind: 'label_printer', name: 'Old label printer', driver: 'simulated', address: '' });
    await record(trx, actor, printerSet, demoPrinterSetups(printer, printer)[0]!);
  });
}

const scale = { id: null, kind: 'scale', name: 'Bench scale', driver: 'simulated', address: '' };

describe('a real station', () => {
  it('refuses to save a simulated device, and stores nothing', async () => {
    const admin = await realStation();
    const events = await app!.store.db.selectFrom('events').select('id').execute();
    expect(await call('devices.save', scale, admin)).toMatchObject({ ok: false, error: { code: 'device.demoOnly' } });
    expect(data(await call('devices.list', {}, admin))).toEqual([]);
    expect(await app!.store.db.selectFrom('events').select('id').execute()).toHaveLength(events.length);
    expect(await call('devices.save', { ...scale, driver: 'serial', address: '/dev/ttyUSB0,mt-sics' }, admin)).toMatchObject({ ok: true });
  });

  it('has no scale to weigh on until one is set up: no simulated one stands in', async () => {
    const admin = await realStation();
    expect(await call('scale.simulate', { grams: 120 }, admin)).toMatchObject({ ok: false, error: { code: 'scale.notConfigured' } });
    expect(await call('scale.capture', {}, admin)).toMatchObject({ ok: false, error: { code: 'scale.notConfigured' } });
  });

  it('uses no simulated device stored from before, and shows it as not used', async () => {
    const admin = await realStation();
    await storeSimulatedDevices();
    expect(await call('scale.simulate', { grams: 120 }, admin)).toMatchObject({ ok: false, error: { code: 'scale.notConfigured' } });
    expect(await call('scale.watch', {}, admin)).toMatchObject({ ok: false, error: { code: 'scale.notConfigured' } });
    expect(await call('printers.testPrint', { job: 'label' }, admin)).toMatchObject({ ok: false, error: { code: 'printing.noPrinter' } });
    const monitor = new DeviceMonitor(app!.store.db, () => undefined);
    await monitor.check();
    expect(monitor.current.map((d) => [d.name, d.state])).toEqual([
      ['Old label printer', 'ignored'],
      ['Old bench scale', 'ignored'],
    ]);
  });
});

describe('the demo station', () => {
  it('saves a simulated device and weighs on its simulated scale', async () => {
    app = await createApp(await demoStoreFile(), { devicePollMs: 0 });
    const admin = await login('grace', '9999');
    expect(await call('devices.save', { ...scale, name: 'Second scale' }, admin)).toMatchObject({ ok: true });
    data(await call('scale.simulate', { grams: 120 }, admin));
    expect(data(await call('scale.capture', {}, admin))).toMatchObject({ grams: 120 });
    const monitor = new DeviceMonitor(app.store.db, () => undefined);
    await monitor.check();
    expect(monitor.current.filter((d) => d.state === 'ignored')).toEqual([]);
  });
});
