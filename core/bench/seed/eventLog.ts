import { v7 as uuidv7 } from 'uuid';

/** An event made up for the store, before it has its place (seq, upstream_seq) in the log. */
export interface LogEvent {
  at: number;
  station: string;
  type: string;
  lotId: string | null;
  payload: string;
  userId: string;
}

export const eventColumns = ['id', 'station', 'seq', 'type', 'lot_id', 'payload', 'user_id', 'at', 'upstream_seq', 'local'] as const;

/** Where the log stands: each station's last seq, and the last upstream_seq handed out. */
export interface LogPosition {
  lastSeq: Record<string, number>;
  lastUpstreamSeq: number;
}

/**
 * The events row for `event`, next in its station's seq. `local`: made on this store (else pulled
 * from upstream). `synced`: upstream has it, so it has an upstream_seq; only local events can lack one.
 */
export function eventRow(position: LogPosition, event: LogEvent, local: boolean, synced: boolean): unknown[] {
  const seq = (position.lastSeq[event.station] = (position.lastSeq[event.station] ?? 0) + 1);
  const upstreamSeq = synced || !local ? ++position.lastUpstreamSeq : null;
  return [uuidv7({ msecs: event.at }), event.station, seq, event.type, event.lotId, event.payload, event.userId, new Date(event.at).toISOString(), upstreamSeq, local ? 1 : 0];
}
