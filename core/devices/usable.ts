import type { Db } from '../db/schema';
import { getStation, listDevices, type DeviceConfig } from '../station/service';

// Simulated devices are the demo station's alone: at a real station a simulated scale would let a
// clerk put in a weight that looks measured, and a simulated printer would swallow real labels.
// One stored before this rule (or synced from a demo) stays in the list but is never used.

export function usableAt(demo: boolean, device: { driver: string }): boolean {
  return demo || device.driver !== 'simulated';
}

export async function isDemoStation(db: Db): Promise<boolean> {
  return (await getStation(db))?.demo ?? false;
}

/** The station's devices that may weigh or print here. */
export async function usableDevices(db: Db): Promise<DeviceConfig[]> {
  const demo = await isDemoStation(db);
  return (await listDevices(db)).filter((d) => usableAt(demo, d));
}
