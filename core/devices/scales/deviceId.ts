import { AppError } from '../../kernel/errors';

export type ScaleAddress =
  | { kind: 'serial'; path: string }
  | { kind: 'hid'; vendorId: number; productId: number }
  | { kind: 'sim'; name: string };

/**
 * Parses a scale device id as technicians and the station settings write it:
 * `serial:/dev/ttyUSB0`, `serial:COM3`, `hid:0922:8003` (hex vendor:product), `sim:desk`.
 */
export function parseScaleAddress(device: string): ScaleAddress {
  const colon = device.indexOf(':');
  const kind = colon < 0 ? '' : device.slice(0, colon);
  const rest = device.slice(colon + 1);
  if (kind === 'serial' && rest !== '') return { kind, path: rest };
  if (kind === 'sim' && rest !== '') return { kind, name: rest };
  if (kind === 'hid') {
    const ids = /^([0-9a-fA-F]{1,4}):([0-9a-fA-F]{1,4})$/.exec(rest);
    if (ids) return { kind, vendorId: parseInt(ids[1]!, 16), productId: parseInt(ids[2]!, 16) };
  }
  throw new AppError('scale.badDevice', `"${device}" is not a scale device: write serial:PATH, hid:VID:PID (hex) or sim:NAME`, { device });
}
