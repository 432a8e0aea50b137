import { handlers } from '../api/handler';
import { listDevices, removeDevice, saveDevice, updateStation } from './service';

export const stationHandlers = handlers({
  'station.update': (input, ctx) => updateStation(ctx, input),
  'devices.list': (_input, ctx) => listDevices(ctx.db),
  'devices.save': (input, ctx) => saveDevice(ctx, input),
  'devices.remove': async (input, ctx) => {
    await removeDevice(ctx, input.id);
    return { ok: true as const };
  },
});
