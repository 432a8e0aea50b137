import { AppError } from '../kernel/errors';
import type { Bus } from '../app/bus';
import type { Db } from '../db/schema';
import type { DeviceConfig } from '../station/service';
import { nextStableReading, openScale, simulatedScales, type Scale, type ScaleReading } from './scales';
import { usableDevices } from './usable';

/** The address a configured device stands for: `sim:ID`, `serial:PATH` (address "PATH,PROTOCOL[,BAUD]") or `hid:VID:PID`. */
export function scaleOptions(device: DeviceConfig): { device: string; protocol?: string; baudRate?: number } {
  switch (device.driver) {
    case 'simulated':
      return { device: `sim:${device.id}` };
    case 'serial': {
      const [path, protocol, baud] = device.address.split(',').map((p) => p.trim());
      return { device: `serial:${path}`, protocol: protocol ?? '', ...(baud ? { baudRate: Number(baud) } : {}) };
    }
    case 'hid':
      return { device: `hid:${device.address}` };
    default:
      throw new AppError('scale.badDevice', `A scale cannot be reached through ${device.driver}`, { device: device.name });
  }
}

/**
 * The station's scale, opened on first use from its device settings and reopened when they change;
 * every reading goes to the screens as the 'scale.reading' topic.
 */
export class DeskScale {
  private scale: Scale | null = null;
  private configured: string | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly bus: Bus,
  ) {}

  private async open(): Promise<Scale> {
    const device = (await usableDevices(this.db)).find((d) => d.kind === 'scale');
    if (!device) throw new AppError('scale.notConfigured', 'This station has no scale set up: add one under Devices, or enter the weight by hand');
    const options = scaleOptions(device);
    const key = JSON.stringify(options);
    if (this.scale && this.configured === key) return this.scale;
    await this.close();
    this.scale = await openScale(options);
    this.configured = key;
    this.unsubscribe = this.scale.on('reading', (reading) =>
      this.bus.publish('scale.reading', { device: reading.device, grams: reading.grams, stable: reading.stable, status: reading.status, unit: reading.reported?.unit ?? null }),
    );
    return this.scale;
  }

  /** Opens the scale so its readings flow to the screens (the weighing panel, the Devices screen's test). */
  async watch(): Promise<string> {
    return (await this.open()).device;
  }

  /**
   * The first reading that stays stable for several reports, never a stale one. A scale standing
   * empty says so as soon as it has said so for those reports: waiting for a load nobody is
   * putting on would only hold the person 15 s.
   */
  async capture(): Promise<ScaleReading> {
    return nextStableReading(await this.open(), { acceptZero: false, emptyIsError: true, timeoutMs: 15_000 });
  }

  async zero(): Promise<void> {
    await (await this.open()).zero();
  }

  /** Demo and e2e: puts a load on the simulated scale (it moves for a moment, then settles). */
  async simulate(grams: number): Promise<void> {
    const scale = await this.open();
    const simulated = simulatedScales.byId.get(scale.device);
    if (!simulated) throw new AppError('scale.notSimulated', 'This station weighs on a real scale');
    simulated.set(grams);
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const scale = this.scale;
    this.scale = null;
    this.configured = null;
    if (scale) await scale.close();
  }
}
