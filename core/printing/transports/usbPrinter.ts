import { realTimeStatusReply, type PrinterStatus } from '../status';
import type { UsbBus, UsbIn, UsbInterface, UsbOut } from './usb';

/**
 * A USB receipt printer on a fake bus (CI has no USB bus): a printer-class interface whose bulk OUT
 * endpoint records what it is sent and whose bulk IN endpoint answers DLE EOT from its state.
 */
export function usbPrinter(state: PrinterStatus) {
  const out: Buffer[] = [];
  const answers: number[] = [];
  /** While true, a transfer of job data fails as a printer that stopped taking data (LIBUSB_ERROR_TIMEOUT). */
  const fault = { stalled: false };
  const outEndpoint: UsbOut = {
    direction: 'out',
    transferType: 2,
    timeout: 0,
    transfer(buffer, callback) {
      for (let i = 0; i + 2 < buffer.length; i++) if (buffer[i] === 0x10 && buffer[i + 1] === 0x04) answers.push(realTimeStatusReply(state, buffer[i + 2]!));
      const statusOnly = buffer.length % 3 === 0 && buffer.every((b, i) => (i % 3 === 0 ? b === 0x10 : i % 3 === 1 ? b === 0x04 : true));
      const stalled = !statusOnly && fault.stalled;
      if (!statusOnly && !stalled) out.push(Buffer.from(buffer));
      setImmediate(() => callback(stalled ? new Error('LIBUSB_ERROR_TIMEOUT') : undefined));
    },
  };
  const inEndpoint: UsbIn = {
    direction: 'in',
    transferType: 2,
    timeout: 0,
    transfer(_length, callback) {
      const data = Buffer.from(answers.splice(0));
      setImmediate(() => (data.length ? callback(undefined, data) : callback(new Error('LIBUSB_ERROR_TIMEOUT'))));
    },
  };
  const iface: UsbInterface = {
    descriptor: { bInterfaceClass: 7 },
    endpoints: [inEndpoint, outEndpoint],
    claim: () => undefined,
    release: (cb) => cb(),
    isKernelDriverActive: () => false,
    detachKernelDriver: () => undefined,
  };
  const bus: UsbBus = { findByIds: (vid, pid) => (vid === 0x04b8 && pid === 0x0202 ? { interfaces: [iface], open: () => undefined, close: () => undefined } : undefined) };
  return { bus, out, fault };
}
