import { backupScheduled } from '../backup/events';
import { lotMoved, lotReceived } from '../lots/events';
import {
  artisanOrderPlaced,
  artisanRegistered,
  customerOrderPlaced,
  deliveryNoticeSent,
  designPublished,
  platingLineConfigured,
  siteStationRegistered,
} from '../reference/events';
import { packingEvents } from '../packing/events';
import { platingEvents } from '../plating/events';
import { printingEvents, printQueued } from '../printing/events';
import { qcEvents } from '../qc/events';
import { quarantineDecided } from '../quarantine/events';
import { deliveryFinished, deliveryOpened } from '../receiving/events';
import { deviceRemoved, deviceSaved, sessionIdleSet, stationUpdated } from '../station/events';
import { userAdded, userChanged, userDisabled, userLocked, userPinReset } from '../users/events';
import type { EventDefinition } from './define';

// Every kind of event this version knows, by type: what applies an event pulled from upstream.
// An event of a type not listed here is kept, held, until a newer Karakana knows it.
const definitions: EventDefinition<never>[] = [
  lotReceived,
  lotMoved,
  artisanRegistered,
  designPublished,
  platingLineConfigured,
  siteStationRegistered,
  artisanOrderPlaced,
  deliveryNoticeSent,
  customerOrderPlaced,
  userAdded,
  userChanged,
  userPinReset,
  userDisabled,
  userLocked,
  stationUpdated,
  sessionIdleSet,
  deviceSaved,
  deviceRemoved,
  backupScheduled,
  deliveryOpened,
  deliveryFinished,
  printQueued,
  ...qcEvents,
  ...printingEvents,
  ...packingEvents,
  ...platingEvents,
  quarantineDecided,
] as unknown as EventDefinition<never>[];

export const eventCatalog = new Map<string, EventDefinition<unknown>>();
for (const definition of definitions) {
  if (eventCatalog.has(definition.type)) throw new Error(`Event type ${definition.type} is defined twice`);
  eventCatalog.set(definition.type, definition as unknown as EventDefinition<unknown>);
}
