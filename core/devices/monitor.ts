import type { Db } from '../db/schema';
import { listDevices } from '../station/service';
import { checkDevice, type DeviceStatus } from './status';
import { isDemoStation } from './usable';

/** Keeps the last known state of each configured device, re-checked on a timer. */
export class DeviceMonitor {
  private states: DeviceStatus[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly changed: () => void,
  ) {}

  get current(): DeviceStatus[] {
    return this.states;
  }

  async check(): Promise<void> {
    const demo = await isDemoStation(this.db);
    this.states = await Promise.all((await listDevices(this.db)).map((d) => checkDevice(d, demo)));
    this.changed();
  }

  start(intervalMs: number): void {
    if (intervalMs <= 0) return;
    void this.check().catch(() => undefined);
    this.timer = setInterval(() => void this.check().catch(() => undefined), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
