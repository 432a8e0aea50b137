import type { EventTable } from '../db/schema';
import type { WireEvent } from './protocol';

// An event as it travels (the protocol) and as it is stored (the events table).

export const eventColumns = ['id', 'station', 'seq', 'type', 'lot_id', 'payload', 'user_id', 'at'] as const;

type EventColumns = Pick<EventTable, (typeof eventColumns)[number]>;

export function toWire(row: EventColumns): WireEvent {
  return { id: row.id, station: row.station, seq: row.seq, type: row.type, lotId: row.lot_id, payload: JSON.parse(row.payload) as Record<string, unknown>, userId: row.user_id, at: row.at };
}

/** The row of an event that came from elsewhere (never this store's own: local is 0). */
export function toRow(event: WireEvent): EventColumns & { local: number } {
  return { id: event.id, station: event.station, seq: event.seq, type: event.type, lot_id: event.lotId, payload: JSON.stringify(event.payload), user_id: event.userId, at: event.at, local: 0 };
}
