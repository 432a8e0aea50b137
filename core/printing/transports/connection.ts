/** A two-way link to one printer for one job: bytes out, a status answer back. */
export interface PrinterConnection {
  /** Writes everything, waiting for the link to take each chunk; rejects on a timeout or a cut. */
  write(bytes: Buffer): Promise<void>;
  /** Sends a request and collects the answer until `complete` says it is whole; null after `timeoutMs` of silence. */
  ask(request: Buffer, complete: (reply: Buffer) => boolean, timeoutMs: number): Promise<Buffer | null>;
  /** How many job bytes may have reached the printer (0: none did, so sending again cannot double). */
  readonly bytesOut: number;
  close(): Promise<void>;
}

export interface Timeouts {
  connectMs: number;
  /** No progress on a write for this long: the printer stalled. */
  idleMs: number;
  /** How long a status answer may take. */
  statusMs: number;
}

export const defaultTimeouts: Timeouts = { connectMs: 3000, idleMs: 10_000, statusMs: 2000 };

/** Large rasters go out in pieces of this size, each waiting for the link to drain. */
export const chunkBytes = 16 * 1024;
