import { handlers } from '../api/handler';
import { defineFeature } from '../app/defineFeature';
import { stationProcedures } from './contract';
import { deviceRemoved, deviceSaved, sessionIdleSet, stationUpdated } from './events';
import { stationHandlers } from './handlers';

export const stationFeature = defineFeature({
  name: 'station',
  procedures: stationProcedures,
  handlers: (services) => ({ ...stationHandlers, ...handlers({ 'status.get': () => services.status() }) }),
  events: [stationUpdated, sessionIdleSet, deviceSaved, deviceRemoved],
  ownTables: ['station', 'devices'],
});
