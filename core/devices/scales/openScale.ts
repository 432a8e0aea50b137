import { AppError } from '../../kernel/errors';
import { parseScaleAddress } from './deviceId';
import { isSerialProtocol, serialProtocols } from './serialProtocols';
import type { SessionOptions } from './sessions';
import { simulatedScales } from './simulatedScale';
import type { Scale } from './types';

export interface OpenScaleOptions extends SessionOptions {
  /** `serial:PATH`, `hid:VID:PID` or `sim:NAME`. */
  device: string;
  /** Serial only: `mt-sics`, `and` or `ohaus`. */
  protocol?: string;
  baudRate?: number;
  silenceMs?: number;
}

/**
 * Opens a scale by device id. The real drivers are loaded only when asked for, so a station with a
 * simulated scale (and every test of the rest of the app) never loads serialport, node-hid or usb.
 * Rejects with `scale.notFound` when the device cannot be opened now: the caller decides when to
 * try again; once open, the drivers reconnect by themselves.
 */
export async function openScale(options: OpenScaleOptions): Promise<Scale> {
  const address = parseScaleAddress(options.device);
  switch (address.kind) {
    case 'sim':
      return simulatedScales.get(address.name, { silenceMs: options.silenceMs });
    case 'hid': {
      const { HidScale } = await import('./hidScale');
      // Quiet HID scales are not necessarily gone: unplugging shows as a read error and a hot-plug event.
      return HidScale.open({ ...address, silenceMs: options.silenceMs ?? 10_000 });
    }
    case 'serial': {
      const protocol = options.protocol ?? '';
      if (!isSerialProtocol(protocol))
        throw new AppError('scale.badProtocol', `A serial scale needs its protocol: ${serialProtocols.join(', ')}, not "${protocol}"`, { protocol });
      const { SerialScale } = await import('./serialScale');
      return SerialScale.open({ ...options, path: address.path, protocol });
    }
  }
}
