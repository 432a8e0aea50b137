import { AppError } from '../../kernel/errors';

// Every scale failure a person can meet, as an AppError code (a key in the renderer's catalogs,
// errors.<code>) with the English text for logs and the CLI.

export const scaleErrors = {
  overload: (device: string) =>
    new AppError('scale.overload', `The scale ${device} is overloaded: take the load off and weigh less at a time`, { device }),
  underZero: (device: string) =>
    new AppError('scale.underZero', `The scale ${device} reads below zero: empty it and zero it, or tare again`, { device }),
  fault: (device: string) => new AppError('scale.fault', `The scale ${device} reports a fault`, { device }),
  needsCalibration: (device: string) =>
    new AppError('scale.needsCalibration', `The scale ${device} needs calibration or re-zeroing before it can weigh`, { device }),
  silent: (device: string, seconds: number) =>
    new AppError('scale.silent', `The scale ${device} has said nothing for ${seconds} s: is it on, and are the port settings right?`, {
      device,
      seconds,
    }),
  unstable: (device: string, seconds: number, last: string) =>
    new AppError('scale.unstable', `The scale ${device} did not settle within ${seconds} s (last: ${last})`, { device, seconds, last }),
  // The three below come from parsers, which do not know the device: the driver adds it (withDevice).
  errorReply: (reply: string, meaning: string) => new AppError('scale.error', `it answered "${reply}": ${meaning}`, { reply, meaning }),
  garbage: (raw: string, why: string) =>
    new AppError('scale.garbage', `it sends data that is not its protocol (${why}: "${printable(raw)}"): check the protocol and baud rate`, {
      raw: printable(raw),
      why,
    }),
  unplugged: (device: string) =>
    new AppError('scale.unplugged', `The scale ${device} was disconnected while weighing: the reading is discarded, weigh again`, { device }),
  closed: (device: string) => new AppError('scale.closed', `The scale ${device} is closed`, { device }),
  unknownUnit: (unit: string) =>
    new AppError('scale.unknownUnit', `it reports weight in "${unit}", which Karakana does not convert: set it to g, kg, ct, oz or lb`, {
      unit,
    }),
  unsupported: (device: string, action: string) =>
    new AppError('scale.unsupported', `The scale ${device} cannot ${action} on command: use its own key`, { device, action }),
  refused: (device: string, action: string, reply: string) =>
    new AppError('scale.refused', `The scale ${device} refused to ${action} (${reply})`, { device, action, reply }),
  noReply: (device: string, action: string) =>
    new AppError('scale.noReply', `The scale ${device} did not answer the request to ${action}`, { device, action }),
  notFound: (device: string, cause: string) => {
    const why = cause.replace(/^Error: /, '');
    return new AppError('scale.notFound', `The scale ${device} cannot be opened: ${why}`, { device, cause: why });
  },
  cancelled: (device: string) => new AppError('scale.cancelled', `Weighing on ${device} was cancelled`, { device }),
  empty: (device: string) => new AppError('scale.empty', `Nothing on the scale ${device}: put the load on, then weigh`, { device }),
};

/** A parser's error, told with the device it came from. */
export function withDevice(error: AppError, device: string): AppError {
  return new AppError(error.code, `The scale ${device}: ${error.message}`, { ...error.params, device });
}

/** Short printable form of bytes for messages: garbage may hold control characters. */
export function printable(raw: string, max = 40): string {
  const shown = JSON.stringify(raw.length > max ? `${raw.slice(0, max)}...` : raw);
  return shown.slice(1, -1);
}
