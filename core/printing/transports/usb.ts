import { AppError } from '../../kernel/errors';
import { chunkBytes, type PrinterConnection, type Timeouts } from './connection';

// Raw USB through `usb` (2.x legacy API): the printer-class interface (7), its bulk OUT endpoint for
// the job and, where the printer has one, its bulk IN endpoint for status answers. Only the shapes
// used here, so a test can put a recorded device on a fake bus (there is no USB bus on CI).

const PRINTER_CLASS = 7;
const BULK = 2;

export interface UsbOut {
  direction: 'in' | 'out';
  transferType: number;
  timeout: number;
  transfer(buffer: Buffer, callback: (error: Error | undefined) => void): unknown;
}
export interface UsbIn {
  direction: 'in' | 'out';
  transferType: number;
  timeout: number;
  transfer(length: number, callback: (error: Error | undefined, data?: Buffer) => void): unknown;
}
export interface UsbInterface {
  descriptor: { bInterfaceClass: number };
  endpoints: (UsbOut | UsbIn)[];
  claim(): void;
  release(callback: (error?: unknown) => void): void;
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
}
export interface UsbDevice {
  interfaces?: UsbInterface[] | undefined;
  open(): void;
  close(): void;
}
export interface UsbBus {
  findByIds(vid: number, pid: number): UsbDevice | undefined;
}

async function realBus(): Promise<UsbBus> {
  const usb = await import('usb');
  return { findByIds: (vid, pid) => usb.findByIds(vid, pid) as unknown as UsbDevice | undefined };
}

/** `VID:PID` in hex, as the device is set up (`usb:04b8:0202`). */
export function parseUsbAddress(address: string): { vid: number; pid: number } {
  const match = /^(?:usb:)?([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(address.trim());
  if (!match) throw new AppError('printing.badUsbAddress', `A USB printer needs usb:VID:PID in hex, not "${address}"`, { address });
  return { vid: parseInt(match[1]!, 16), pid: parseInt(match[2]!, 16) };
}

export async function openUsb(address: string, timeouts: Timeouts, bus?: UsbBus): Promise<PrinterConnection> {
  const { vid, pid } = parseUsbAddress(address);
  const device = (bus ?? (await realBus())).findByIds(vid, pid);
  if (!device) throw new AppError('printing.unplugged', `No USB printer ${address} is plugged in`, { address });
  device.open();
  const iface = device.interfaces?.find((i) => i.descriptor.bInterfaceClass === PRINTER_CLASS);
  const out = iface?.endpoints.find((e): e is UsbOut => e.direction === 'out' && e.transferType === BULK);
  if (!iface || !out) {
    device.close();
    throw new AppError('printing.notAPrinter', `USB device ${address} has no printer interface`, { address });
  }
  if (iface.isKernelDriverActive()) iface.detachKernelDriver();
  iface.claim();
  const input = iface.endpoints.find((e): e is UsbIn => e.direction === 'in' && e.transferType === BULK);
  out.timeout = timeouts.idleMs;
  let written = 0;
  const send = (chunk: Buffer) =>
    new Promise<void>((resolve, reject) => {
      written += chunk.length;
      out.transfer(chunk, (error) => (error ? reject(new AppError('printing.stalled', `USB printer ${address} stopped taking data`, { address })) : resolve()));
    });
  return {
    get bytesOut() {
      return written;
    },
    async write(bytes) {
      for (let at = 0; at < bytes.length; at += chunkBytes) await send(bytes.subarray(at, at + chunkBytes));
    },
    async ask(request, complete, timeoutMs) {
      if (!input) return null;
      await send(request);
      written -= request.length;
      input.timeout = timeoutMs;
      let reply = Buffer.alloc(0);
      while (!complete(reply)) {
        const data = await new Promise<Buffer | null>((resolve) => input.transfer(64, (error, d) => resolve(error ? null : (d ?? null))));
        if (!data) return null;
        reply = Buffer.concat([reply, data]);
      }
      return reply;
    },
    async close() {
      await new Promise<void>((resolve) => iface.release(() => resolve()));
      device.close();
    },
  };
}
