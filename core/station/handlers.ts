import { handlers } from '../api/handler';
import { listDevices, removeDevice, saveDevice, setSessionIdle, updateStation } from './service';

export const stationHandlers = handlers({
  'station.update': (input, ctx) => updateStation(ctx, input),
  'station.setSessionIdle': (input, ctx) => setSessionIdle(ctx, input.minutes),
  'devices.list': (_input, ctx) => listDevices(ctx.db),
  'devices.save': (input, ctx) => saveDevice(ctx, input),
  'devices.remove': async (input, ctx) => {
    await removeDevice(ctx, input.id);
    return { ok: true as const };
  },
});
