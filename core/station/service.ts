import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { DeviceKind } from '../api/contract';
import type { Ctx } from '../app/context';
import type { Db, Trx } from '../db/schema';
import { deviceRemoved, deviceSaved, sessionIdleSet, stationUpdated } from './events';

export interface StationInfo {
  code: string;
  name: string;
  demo: boolean;
  canChangeCode: boolean;
  sessionIdleMinutes: number;
}

export async function getStation(db: Db): Promise<StationInfo | null> {
  const row = await db.selectFrom('station').selectAll().executeTakeFirst();
  if (!row) return null;
  // The code is in every lot id this station makes and is how its upstream knows it: fixed once
  // the first lot exists or the station is enrolled.
  const enrolled = await db.selectFrom('sync_state').select('id').executeTakeFirst();
  return { code: row.code, name: row.name, demo: row.demo === 1, canChangeCode: row.next_lot_number === 1 && !enrolled, sessionIdleMinutes: row.session_idle_minutes };
}

/** How long a session may sit unused at this station (core/auth/sessions.ts). */
export async function setSessionIdle(ctx: Ctx, minutes: number): Promise<StationInfo> {
  await ctx.write(({ record }) => record(sessionIdleSet, { minutes }));
  return (await getStation(ctx.db))!;
}

export async function createStation(trx: Trx, input: { code: string; name: string; demo: boolean; at: string }): Promise<void> {
  await trx.insertInto('station').values({ id: 1, code: input.code, name: input.name, demo: input.demo ? 1 : 0, next_lot_number: 1, created_at: input.at }).execute();
}

export async function updateStation(ctx: Ctx, input: { name: string; code: string }): Promise<StationInfo> {
  const current = await getStation(ctx.db);
  if (!current) throw new AppError('station.notSetUp', 'This station is not set up yet');
  if (input.code !== current.code && !current.canChangeCode)
    throw new AppError('station.codeFixed', `The station code ${current.code} is already in lot ids and cannot change`, { code: current.code });
  await ctx.write(({ record }) => record(stationUpdated, input));
  return (await getStation(ctx.db))!;
}

export interface DeviceConfig {
  id: string;
  kind: DeviceKind;
  name: string;
  driver: 'simulated' | 'tcp' | 'serial' | 'hid' | 'system' | 'keyboard';
  address: string;
}

export async function listDevices(db: Db): Promise<DeviceConfig[]> {
  const rows = await db.selectFrom('devices').selectAll().orderBy('kind').orderBy('name').execute();
  return rows as DeviceConfig[];
}

const tcpAddress = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export async function saveDevice(ctx: Ctx, input: Omit<DeviceConfig, 'id'> & { id: string | null }): Promise<DeviceConfig> {
  if (input.driver === 'tcp' && !tcpAddress.test(input.address))
    throw new AppError('device.badAddress', `A network device needs host:port, not "${input.address}"`, { address: input.address });
  if ((input.driver === 'serial' || input.driver === 'hid' || input.driver === 'system') && input.address === '')
    throw new AppError('device.addressRequired', 'This kind of connection needs an address');
  if (input.driver === 'simulated' && !(await getStation(ctx.db))?.demo)
    throw new AppError('device.demoOnly', 'A simulated device is for the demo station only: choose how the real device is connected');
  const device: DeviceConfig = { ...input, id: input.id ?? uuidv7() };
  await ctx.write(({ record }) => record(deviceSaved, device));
  return device;
}

export async function removeDevice(ctx: Ctx, id: string): Promise<void> {
  const found = await ctx.db.selectFrom('devices').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw new AppError('device.notFound', `No device ${id}`, { id });
  await ctx.write(({ record }) => record(deviceRemoved, { id }));
}
