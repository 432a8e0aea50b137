import { AppError } from '../kernel/errors';
import type { DeviceConfig } from '../station/service';
import { simulatedPrinter } from './simulated';
import { blocker, identificationRequest, parseIdentification, parseStatus, replyComplete, statusRequest, type PrinterLanguage, type PrinterStatus } from './status';
import { defaultTimeouts, type PrinterConnection, type Timeouts } from './transports/connection';
import { spool, type Runner } from './transports/system';
import { openTcp } from './transports/tcp';
import { openUsb, type UsbBus } from './transports/usb';

/** What happened to one job's bytes. */
export type Delivery =
  /** The printer answered after the job, with nothing wrong: it printed. */
  | { outcome: 'confirmed'; status: PrinterStatus }
  /** Every byte went out, but the printer cannot say (a spooler, a printer without status). */
  | { outcome: 'sent'; status: PrinterStatus | null }
  /** No byte went out (off, unplugged, out of paper): sending again cannot double. */
  | { outcome: 'notSent'; error: AppError }
  /** Bytes went out and then the link failed: it may or may not have printed. */
  | { outcome: 'unknown'; error: AppError };

export interface LinkOptions {
  timeouts?: Timeouts;
  /** Tests: a recorded USB device on a fake bus. */
  usbBus?: UsbBus;
  /** Tests: a recording Windows spooler. */
  spooler?: { run: Runner; platform: NodeJS.Platform };
}

const asAppError = (e: unknown, address: string) =>
  e instanceof AppError ? e : new AppError('printing.connectionLost', `The printer at ${address} failed: ${(e as Error).message}`, { address });

function isUsb(device: DeviceConfig): boolean {
  return device.driver === 'system' && device.address.startsWith('usb:');
}

async function connect(device: DeviceConfig, options: LinkOptions): Promise<PrinterConnection> {
  const timeouts = options.timeouts ?? defaultTimeouts;
  switch (device.driver) {
    case 'tcp':
      return openTcp(device.address, timeouts);
    case 'simulated':
      return openTcp((await simulatedPrinter(device.id)).address, timeouts);
    case 'system':
      return openUsb(device.address, timeouts, options.usbBus);
    default:
      throw new AppError('printing.notAPrinter', `${device.name} cannot print through ${device.driver}`, { device: device.name });
  }
}

async function askStatus(link: PrinterConnection, language: PrinterLanguage, timeoutMs: number): Promise<PrinterStatus | null> {
  const reply = await link.ask(statusRequest(language), (r) => replyComplete(language, r), timeoutMs);
  return reply ? parseStatus(language, reply) : null;
}

/** Printers that answered neither language's status request lately: not asked again for a while. */
const silent = new Map<string, number>();
/** What each ZPL printer said its resolution was (~HI), asked again after a minute. */
const identified = new Map<string, { dpi: 203 | 300 | 600; until: number }>();

/**
 * A printer set up for ZPL that answers ESC/POS's status request speaks ESC/POS; a ZPL
 * printer reports its resolution on ~HI. Either mismatch would print garbage or a wrong-sized label.
 */
async function checkFit(link: PrinterConnection, device: DeviceConfig, language: PrinterLanguage, dpi: 203 | 300, answered: boolean, timeoutMs: number): Promise<AppError | null> {
  if (!answered) {
    // Only DLE EOT is asked unasked-for: a ZPL printer ignores it, while ~HS would print as text on an ESC/POS one.
    if (language !== 'zpl' || (silent.get(device.id) ?? 0) > Date.now()) return null;
    const other: PrinterLanguage = 'escpos';
    if (await askStatus(link, other, timeoutMs))
      return new AppError('printing.wrongLanguage', `${device.name} speaks ${other.toUpperCase()}, but is set up for ${language.toUpperCase()}`, { printer: device.name, language: language.toUpperCase(), actual: other.toUpperCase() });
    silent.set(device.id, Date.now() + 10 * 60_000);
    return null;
  }
  if (language !== 'zpl') return null;
  const key = `${device.id}@${device.address}`;
  let actual = (identified.get(key)?.until ?? 0) > Date.now() ? identified.get(key)!.dpi : null;
  if (!actual) {
    const reply = await link.ask(identificationRequest, (r) => r.includes(0x03), timeoutMs);
    actual = reply && parseIdentification(reply);
    if (actual) identified.set(key, { dpi: actual, until: Date.now() + 60_000 });
  }
  if (actual && actual !== dpi) return new AppError('printing.wrongDpi', `${device.name} prints at ${actual} dpi, but is set up for ${dpi}`, { printer: device.name, dpi, actual });
  return null;
}

export function blockedError(status: PrinterStatus, printer: string): AppError | null {
  const cause = blocker(status);
  return cause ? new AppError(`printing.${cause}`, `The printer ${printer} cannot print: ${cause}`, { printer }) : null;
}

/**
 * Sends one job: asks the printer's state first (a printer out of paper gets nothing), writes the
 * bytes, and asks again; a printer that answered before and not after lost the job on the way.
 */
export async function deliver(
  device: DeviceConfig,
  target: { language: PrinterLanguage; dpi: 203 | 300 },
  bytes: Buffer,
  title: string,
  options: LinkOptions = {},
  /** Called just before the first byte goes out; false stops the job there (it was cancelled meanwhile). */
  beforeWrite: () => Promise<boolean> = async () => true,
): Promise<Delivery> {
  const { language, dpi } = target;
  const cancelled = () => ({ outcome: 'notSent' as const, error: new AppError('printing.cancelled', 'The job was cancelled') });
  if (device.driver === 'system' && !isUsb(device)) {
    if (!(await beforeWrite())) return cancelled();
    try {
      await spool(device.address, bytes, title, options.spooler ?? {});
      return { outcome: 'sent', status: null };
    } catch (e) {
      const error = asAppError(e, device.address);
      return error.code === 'printing.spoolerShort' ? { outcome: 'unknown', error } : { outcome: 'notSent', error };
    }
  }
  const timeouts = options.timeouts ?? defaultTimeouts;
  let link: PrinterConnection;
  try {
    link = await connect(device, options);
  } catch (e) {
    return { outcome: 'notSent', error: asAppError(e, device.address) };
  }
  try {
    const before = await askStatus(link, language, timeouts.statusMs);
    const blocked = before && blockedError(before, device.name);
    if (blocked) return { outcome: 'notSent', error: blocked };
    const misfit = await checkFit(link, device, language, dpi, before !== null, timeouts.statusMs);
    if (misfit) return { outcome: 'notSent', error: misfit };
    if (!(await beforeWrite())) return cancelled();
    try {
      await link.write(bytes);
    } catch (e) {
      const error = asAppError(e, device.address);
      return link.bytesOut > 0 ? { outcome: 'unknown', error } : { outcome: 'notSent', error };
    }
    if (!before) return { outcome: 'sent', status: null };
    const after = await askStatus(link, language, timeouts.statusMs);
    if (!after) return { outcome: 'unknown', error: new AppError('printing.noConfirmation', `The printer ${device.name} stopped answering during the job`, { printer: device.name }) };
    return blocker(after) ? { outcome: 'sent', status: after } : { outcome: 'confirmed', status: after };
  } finally {
    await link.close().catch(() => undefined);
  }
}

/** The printer's own word on its state, where it can give one (null: it cannot tell). */
export async function readPrinterStatus(device: DeviceConfig, language: PrinterLanguage, options: LinkOptions = {}): Promise<PrinterStatus | null> {
  if (device.driver === 'system' && !isUsb(device)) return null;
  const link = await connect(device, options);
  try {
    return await askStatus(link, language, (options.timeouts ?? defaultTimeouts).statusMs);
  } finally {
    await link.close().catch(() => undefined);
  }
}
