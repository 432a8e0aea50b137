import type { AppError } from '../../kernel/errors';

/**
 * What the scale says about its weight. `zero` is "stable at zero"; `under` is below zero (a stable
 * negative weight after a tare, or the HID "under zero" status); `calibrate` covers the HID
 * "needs calibration" and "needs re-zeroing" statuses: a person has to act before weighing.
 */
export type ScaleStatus = 'stable' | 'motion' | 'zero' | 'under' | 'over' | 'fault' | 'calibrate';

export interface ReportedWeight {
  value: number;
  /** The unit as the scale spelled it (`g`, `kg`, `ct`, `GN`...). */
  unit: string;
}

export interface ScaleReading {
  /** Weight in grams, converted from the reported unit; null when the report carries no weight (overload, fault). */
  grams: number | null;
  /** The scale's own stability flag. Capturing a weight takes more: see nextStableReading. */
  stable: boolean;
  status: ScaleStatus;
  /** Null when the scale sent no number at all (MT-SICS `S +`, an A&D overload sentinel). */
  reported: ReportedWeight | null;
  /** The report as received: hex bytes for HID, the line for serial. Kept with a captured weight. */
  raw: string;
  at: Date;
  /** The device id the reading came from, e.g. `serial:/dev/ttyUSB0`, `hid:0922:8003`, `sim:desk`. */
  device: string;
}

/**
 * `connected`: reports arrive. `silent`: connected but nothing heard for a while (balance switched
 * off, wrong baud rate, continuous mode off). `disconnected`: unplugged; the driver reconnects by
 * itself when it comes back. `closed`: close() was called.
 */
export type ScaleState = 'connected' | 'silent' | 'disconnected' | 'closed';

export interface ScaleEvents {
  reading: [ScaleReading];
  state: [ScaleState, string];
  /** Error replies, garbage, unknown units: each is an AppError with a `scale.*` code. */
  problem: [AppError];
}

export interface Scale {
  readonly device: string;
  readonly state: ScaleState;
  /** The latest reading since the last (re)connect; null right after connecting. */
  readonly last: ScaleReading | null;
  /** When the scale last said anything at all (a reading, a reply, even garbage). */
  readonly lastHeardAt: Date | null;
  /** What this protocol can ask of the scale; tare()/zero() reject with `scale.unsupported` otherwise. */
  readonly can: { tare: boolean; zero: boolean };
  /** Returns the function that unsubscribes. */
  on<E extends keyof ScaleEvents>(event: E, listener: (...args: ScaleEvents[E]) => void): () => void;
  tare(): Promise<void>;
  zero(): Promise<void>;
  close(): Promise<void>;
}
