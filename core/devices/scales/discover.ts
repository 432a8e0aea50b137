import { hex4, knownScaleName, scaleUsagePage } from './knownScales';

export interface FoundScale {
  /** What `hq scale read --device` and the station settings take. */
  device: string;
  kind: 'hid' | 'serial';
  name: string;
  note: string;
}

interface HidInfo {
  vendorId: number;
  productId: number;
  usagePage?: number;
  manufacturer?: string;
  product?: string;
}

/** USB HID scales: a known vendor:product id, or anything on the scale usage page. */
export function hidScalesAmong(devices: HidInfo[]): FoundScale[] {
  const found = new Map<string, FoundScale>();
  for (const d of devices) {
    const known = knownScaleName(d.vendorId, d.productId);
    if (!known && d.usagePage !== scaleUsagePage) continue;
    const device = `hid:${hex4(d.vendorId)}:${hex4(d.productId)}`;
    if (found.has(device)) continue; // one line per scale, not per HID interface
    const label = [d.manufacturer, d.product].filter(Boolean).join(' ') || known || 'HID scale';
    found.set(device, { device, kind: 'hid', name: label, note: known ? `known scale (${known})` : 'on the HID scale usage page' });
  }
  return [...found.values()];
}

/**
 * Scales this computer can see: USB HID scales through node-hid, and every serial port (a serial
 * port cannot say whether a balance is behind it; `hq scale read` finds out). Each source that
 * fails (no HID access, no serial driver) is reported as a note instead of failing the list.
 */
export async function findScales(): Promise<{ scales: FoundScale[]; notes: string[] }> {
  const scales: FoundScale[] = [];
  const notes: string[] = [];
  try {
    const { devicesAsync } = await import('node-hid');
    scales.push(...hidScalesAmong(await devicesAsync()));
  } catch (error) {
    notes.push(`USB HID devices could not be listed: ${(error as Error).message}`);
  }
  try {
    const { SerialPort } = await import('serialport');
    for (const port of await SerialPort.list()) {
      const maker = [port.manufacturer, port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : ''].filter(Boolean).join(' ');
      scales.push({ device: `serial:${port.path}`, kind: 'serial', name: maker || port.path, note: 'serial port: give --protocol mt-sics|and|ohaus' });
    }
  } catch (error) {
    notes.push(`Serial ports could not be listed: ${(error as Error).message}`);
  }
  return { scales, notes };
}
