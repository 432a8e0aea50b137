import { handlers } from '../api/handler';
import { saveSupportBundle } from './service';
import type { StationLog } from './stationLog';

export const supportHandlers = (log: StationLog, storeFile: string) =>
  handlers({
    'support.saveBundle': (input, ctx) => saveSupportBundle(ctx.db, log, storeFile, input.folder, ctx.now()),
  });
