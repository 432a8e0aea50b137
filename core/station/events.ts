import { z } from 'zod';
import { admins } from '../api/roles';
import { defineEvent } from '../events/define';

export const stationUpdated = defineEvent({
  type: 'station.updated',
  payload: z.object({ name: z.string(), code: z.string() }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  ownStationOnly: true,
  async apply(trx, p) {
    await trx.updateTable('station').set({ name: p.name, code: p.code }).execute();
  },
});

// A shared shop-floor PC wants a short idle time, an office PC a longer one: this station's own.
export const sessionIdleSet = defineEvent({
  type: 'station.sessionIdleSet',
  payload: z.object({ minutes: z.number().int().min(5).max(720) }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  ownStationOnly: true,
  async apply(trx, p) {
    await trx.updateTable('station').set({ session_idle_minutes: p.minutes }).execute();
  },
});

export const deviceSaved = defineEvent({
  type: 'device.saved',
  payload: z.object({ id: z.string(), kind: z.enum(['scale', 'label_printer', 'receipt_printer', 'scanner']), name: z.string(), driver: z.enum(['simulated', 'tcp', 'serial', 'hid', 'system', 'keyboard']), address: z.string() }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  ownStationOnly: true,
  async apply(trx, p) {
    await trx
      .insertInto('devices')
      .values(p)
      .onConflict((oc) => oc.column('id').doUpdateSet({ kind: p.kind, name: p.name, driver: p.driver, address: p.address }))
      .execute();
  },
});

export const deviceRemoved = defineEvent({
  type: 'device.removed',
  payload: z.object({ id: z.string() }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  ownStationOnly: true,
  async apply(trx, p) {
    await trx.deleteFrom('devices').where('id', '=', p.id).execute();
  },
});
