import { PrinterEmulator } from './emulator';

// A demo station's "simulated" printers are emulators on loopback ports inside the app: the queue
// talks to them over TCP exactly as to a real one.

const running = new Map<string, Promise<PrinterEmulator>>();

export function simulatedPrinter(deviceId: string): Promise<PrinterEmulator> {
  let printer = running.get(deviceId);
  if (!printer) {
    printer = new PrinterEmulator({ keep: 200 }).start().then((p) => p.unref());
    running.set(deviceId, printer);
  }
  return printer;
}
