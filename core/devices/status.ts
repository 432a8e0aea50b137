import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import type { DeviceConfig } from '../station/service';
import { usableAt } from './usable';

export type DeviceState = 'ready' | 'offline' | 'unknown' | 'ignored';

export interface DeviceStatus {
  id: string;
  name: string;
  kind: DeviceConfig['kind'];
  state: DeviceState;
  detail: string;
}

function probeTcp(address: string, timeoutMs: number): Promise<boolean> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/** What can be known about a device without claiming it; drivers of later features add more. */
export async function checkDevice(device: DeviceConfig, demo: boolean, timeoutMs = 1500): Promise<DeviceStatus> {
  const base = { id: device.id, name: device.name, kind: device.kind };
  if (!usableAt(demo, device)) return { ...base, state: 'ignored', detail: 'simulated devices are for the demo station only' };
  switch (device.driver) {
    case 'simulated':
      return { ...base, state: 'ready', detail: 'simulated' };
    case 'tcp':
      return (await probeTcp(device.address, timeoutMs))
        ? { ...base, state: 'ready', detail: device.address }
        : { ...base, state: 'offline', detail: `${device.address} does not answer` };
    case 'serial':
      return existsSync(device.address)
        ? { ...base, state: 'ready', detail: device.address }
        : { ...base, state: 'offline', detail: `${device.address} is not present` };
    case 'keyboard':
      return { ...base, state: 'unknown', detail: 'keyboard wedge' };
    default:
      return { ...base, state: 'unknown', detail: `${device.driver}:${device.address}` };
  }
}
