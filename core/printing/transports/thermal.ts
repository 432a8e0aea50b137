import { deliver, readPrinterStatus, type LinkOptions } from '../deliver';
import type { DeviceConfig } from '../../station/service';

/**
 * node-thermal-printer's `interface` option takes any object with isPrinterConnected() and
 * execute(buffer) (lib/interfaces/index.js returns an object as it is). This one sends through our
 * links (timeouts, chunked writes with backpressure, status asked before and after) instead of its
 * own network or file interfaces.
 */
export function thermalInterface(device: DeviceConfig, options: LinkOptions = {}) {
  return {
    getPrinterName: () => device.name,
    async isPrinterConnected(): Promise<boolean> {
      const status = await readPrinterStatus(device, 'escpos', options).catch(() => null);
      return status?.online ?? false;
    },
    async execute(buffer: Buffer): Promise<string> {
      const result = await deliver(device, { language: 'escpos', dpi: 203 }, buffer, device.name, options);
      if (result.outcome === 'notSent' || result.outcome === 'unknown') throw result.error;
      return result.outcome;
    },
  };
}
