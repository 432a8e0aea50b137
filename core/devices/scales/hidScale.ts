import type { HIDAsync } from 'node-hid';
import { scaleErrors } from './errors';
import { parseHidScaleReport } from './hidReport';
import { watchUsb } from './hotplug';
import { hex4, scaleUsagePage } from './knownScales';
import { BaseScale, type BaseScaleOptions } from './scaleBase';

export interface HidScaleOptions extends BaseScaleOptions {
  vendorId: number;
  productId: number;
  /** While unplugged, try to reopen this often even without hot-plug events (they may not exist). */
  reopenMs?: number;
}

/** The HID POS scale control report: report id 2, bit 1 "zero scale" (as usbscale sends it). */
const zeroReport = [0x02, 0x02];

/**
 * A USB point-of-sale scale read through node-hid, that is through the operating system's own HID
 * driver (hidraw on Linux, hid.dll on Windows): no Zadig, no WinUSB, nothing replaced. `usb` only
 * listens for plug and unplug to reopen quickly.
 */
export class HidScale extends BaseScale {
  readonly can = { tare: false, zero: true };
  private hid: HIDAsync | null = null;
  private closing = false;
  private stopWatching: (() => void) | null = null;
  private retry: NodeJS.Timeout | null = null;
  private opening: Promise<void> | null = null;

  private constructor(private readonly options: HidScaleOptions) {
    super(`hid:${hex4(options.vendorId)}:${hex4(options.productId)}`, options);
  }

  static async open(options: HidScaleOptions): Promise<HidScale> {
    const scale = new HidScale(options);
    await scale.openDevice();
    scale.stopWatching = await watchUsb(options.vendorId, options.productId, {
      attach: () => void scale.reopen(),
      detach: () => scale.lost('unplugged'),
    });
    return scale;
  }

  override async tare(): Promise<void> {
    // The HID POS control report has zero but no tare: tare in software (subtract a captured reading).
    throw scaleErrors.unsupported(this.device, 'tare');
  }

  override async zero(): Promise<void> {
    if (this.state === 'closed') throw scaleErrors.closed(this.device);
    if (!this.hid) throw scaleErrors.unplugged(this.device);
    try {
      await this.hid.write(zeroReport);
    } catch (error) {
      throw scaleErrors.refused(this.device, 'zero', (error as Error).message);
    }
  }

  override async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.stopWatching?.();
    if (this.retry) clearInterval(this.retry);
    const hid = this.hid;
    this.hid = null;
    await hid?.close().catch(() => undefined);
    this.markClosed();
  }

  private async openDevice(): Promise<void> {
    const { HIDAsync, devicesAsync } = await import('node-hid');
    const { vendorId, productId } = this.options;
    let hid: HIDAsync;
    try {
      // A composite device can expose several HID interfaces: prefer the one on the scale usage page.
      const interfaces = await devicesAsync(vendorId, productId);
      const scalePath = interfaces.find((d) => d.usagePage === scaleUsagePage && d.path)?.path;
      hid = scalePath ? await HIDAsync.open(scalePath) : await HIDAsync.open(vendorId, productId);
    } catch (error) {
      throw scaleErrors.notFound(this.device, (error as Error).message);
    }
    if (this.closing) {
      await hid.close().catch(() => undefined);
      return;
    }
    this.hid = hid;
    hid.on('data', (data: Buffer) => this.accept(parseHidScaleReport(data)));
    hid.on('error', (error: Error) => this.lost(error.message));
    if (this.retry) clearInterval(this.retry);
    this.retry = null;
    this.markConnected(this.device);
  }

  private lost(detail: string): void {
    if (this.closing || !this.hid) return;
    const hid = this.hid;
    this.hid = null;
    void hid.close().catch(() => undefined);
    this.markDisconnected(detail);
    this.retry = setInterval(() => void this.reopen(), this.options.reopenMs ?? 5000);
    this.retry.unref();
  }

  /** Hot-plug and the timer can both ask at once: one attempt at a time. */
  private async reopen(): Promise<void> {
    if (this.closing || this.hid || this.opening) return;
    this.opening = this.openDevice().catch(() => undefined); // not back yet: the next attach or tick tries again
    await this.opening;
    this.opening = null;
  }
}
