import { z } from 'zod';
import { displayName, errorBody, none, ok, procedure } from '../api/procedure';
import { admins } from '../api/roles';
import { backupStatus } from '../backup/contract';
import { deviceDrivers, deviceKinds } from '../devices/kinds';
import { hubLink } from '../sync/contract';
import { stationCode } from './code';

// The station part of the contract (listed in core/featureContracts.ts): this station, its devices, and the
// status bar's one picture of both, of sync and of backups.

export const station = z.object({ code: z.string(), name: z.string(), demo: z.boolean(), canChangeCode: z.boolean(), sessionIdleMinutes: z.number() });

const device = z.object({
  id: z.string(),
  kind: z.enum(deviceKinds),
  name: displayName,
  driver: z.enum(deviceDrivers),
  address: z.string().trim().max(200),
});
const deviceStatus = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(deviceKinds),
  state: z.enum(['ready', 'offline', 'unknown', 'ignored']),
  detail: z.string(),
});

const status = z.object({
  station,
  sync: z.object({
    enrolled: z.boolean(),
    pending: z.number(),
    oldestPendingAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    error: errorBody.nullable(),
    attention: z.number(),
    clockWarning: z.boolean(),
    hub: hubLink,
    loading: z.object({ cursor: z.number(), head: z.number().nullable(), snapshot: z.object({ received: z.number(), bytes: z.number() }).nullable() }).nullable(),
  }),
  devices: z.array(deviceStatus),
  backup: backupStatus,
  /** A new version downloaded by the desktop app, installed when it is closed (null: none). */
  update: z.object({ readyVersion: z.string().nullable() }),
});

export const stationProcedures = {
  'status.get': procedure(none, status, 'session'),
  'station.update': procedure(z.object({ name: displayName, code: stationCode }).strict(), station, admins),
  'station.setSessionIdle': procedure(z.object({ minutes: z.number().int().min(5).max(720) }).strict(), station, admins),
  'devices.list': procedure(none, z.array(device), ['admin', 'supervisor']),
  'devices.save': procedure(device.omit({ id: true }).extend({ id: z.string().nullable() }).strict(), device, admins),
  'devices.remove': procedure(z.object({ id: z.string() }).strict(), ok, admins),
} as const;

export const stationTopics = { status } as const;
