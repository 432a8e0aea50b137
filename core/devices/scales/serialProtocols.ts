import { parseAndLine } from './andLine';
import { parseMtSicsLine } from './mtSics';
import { parseOhausLine } from './ohausLine';
import type { ScaleReport } from './report';

export const serialProtocols = ['mt-sics', 'and', 'ohaus'] as const;
export type SerialProtocol = (typeof serialProtocols)[number];

export interface PortSettings {
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
}

/** Factory settings of each family; a balance set otherwise is matched with --baud (or the station's settings). */
export const portSettings: Record<SerialProtocol, PortSettings> = {
  'mt-sics': { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  and: { baudRate: 2400, dataBits: 7, parity: 'even', stopBits: 1 },
  ohaus: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
};

export const lineParsers: Record<SerialProtocol, (line: string) => ScaleReport> = {
  'mt-sics': parseMtSicsLine,
  and: parseAndLine,
  ohaus: parseOhausLine,
};

/**
 * Commands of the continuous-stream families: tare, zero, and "print the weight now" for polling
 * a balance whose stream is switched off (A&D `Q`, Ohaus `IP`).
 */
export const streamCommands: Record<Exclude<SerialProtocol, 'mt-sics'>, { tare: string; zero: string; printNow: string }> = {
  and: { tare: 'T', zero: 'Z', printNow: 'Q' },
  ohaus: { tare: 'T', zero: 'Z', printNow: 'IP' },
};

export function isSerialProtocol(value: string): value is SerialProtocol {
  return (serialProtocols as readonly string[]).includes(value);
}
