import { afterEach, describe, expect, it } from 'vitest';
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { decodeEscpos } from '../../labels/decode/escpos';
import { decodeZpl } from '../../labels/decode/zpl';
import { renderLabel, labelTemplates } from '../../labels';
import type { DeviceConfig } from '../../station/service';
import { deliver } from '../deliver';
import { PrinterEmulator } from '../emulator';
import { rawPrinterScript, spool, type Runner } from './system';
import { thermalInterface } from './thermal';
import { usbPrinter } from './usbPrinter';

const timeouts = { connectMs: 500, idleMs: 500, statusMs: 300 };
const printers: PrinterEmulator[] = [];
afterEach(async () => {
  for (const p of printers.splice(0)) await p.stop();
});
const lot = labelTemplates().find((t) => t.name === 'lot-label')!.example;
const device = (driver: DeviceConfig['driver'], address: string): DeviceConfig => ({ id: `${driver}-${address}`, kind: 'label_printer', name: 'Test printer', driver, address });

describe('printer links', () => {
  it('sends a large raster in chunks, waiting on backpressure, and the printer gets every byte', async () => {
    const zebra = await new PrinterEmulator({ language: 'zpl' }).start();
    printers.push(zebra);
    const raster = Buffer.concat([Buffer.from('^XA^FO0,0^GFA,400000,400000,100,'), Buffer.alloc(400_000, 0x41), Buffer.from('^FS^XZ')]);
    const result = await deliver(device('tcp', zebra.address), { language: 'zpl', dpi: 203 }, raster, 'raster', { timeouts });
    expect(result.outcome).toBe('confirmed');
    const [job] = await zebra.waitForJobs(1);
    expect(job!.bytes.equals(raster)).toBe(true);
  });

  it('a stalled printer mid-raster: the write times out and the outcome is unknown, not "not sent"', async () => {
    const zebra = await new PrinterEmulator({ language: 'zpl' }).start();
    printers.push(zebra);
    await zebra.setFault('stall', 1000);
    const result = await deliver(device('tcp', zebra.address), { language: 'zpl', dpi: 203 }, Buffer.alloc(8_000_000, 0x41), 'raster', { timeouts });
    expect(result).toMatchObject({ outcome: 'unknown', error: { code: 'printing.stalled' } });
  });

  it('raw USB: the job goes to the printer-class interface’s bulk OUT endpoint and DLE EOT comes back on bulk IN', async () => {
    const receipt = labelTemplates().find((t) => t.name === 'delivery-receipt')!.example;
    const bytes = renderLabel('delivery-receipt', receipt, { language: 'escpos', dpi: 203, widthMm: 80 }).bytes;
    const ready = usbPrinter({ online: true, paperOut: false, headOpen: false, paused: false, ribbonOut: false });
    const result = await deliver(device('system', 'usb:04b8:0202'), { language: 'escpos', dpi: 203 }, bytes, 'receipt', { timeouts, usbBus: ready.bus });
    expect(result.outcome).toBe('confirmed');
    expect(decodeEscpos(Buffer.concat(ready.out)).texts.join('\n')).toContain(String(receipt.artisan));

    const empty = usbPrinter({ online: true, paperOut: true, headOpen: false, paused: false, ribbonOut: false });
    expect(await deliver(device('system', 'usb:04b8:0202'), { language: 'escpos', dpi: 203 }, bytes, 'receipt', { timeouts, usbBus: empty.bus })).toMatchObject({ outcome: 'notSent', error: { code: 'printing.paperOut' } });
    expect(empty.out).toEqual([]);
    expect(await deliver(device('system', 'usb:04b8:9999'), { language: 'escpos', dpi: 203 }, bytes, 'receipt', { timeouts, usbBus: ready.bus })).toMatchObject({ outcome: 'notSent', error: { code: 'printing.unplugged' } });
  });

  it('the Windows spooler gets the RAW bytes through winspool, and a refusal keeps the job unsent', async () => {
    const bytes = renderLabel('lot-label', lot, { language: 'zpl', dpi: 203, widthMm: 50, heightMm: 25 }).bytes;
    const spooled: { script: string; args: string[]; bytes: Buffer }[] = [];
    const { readFile } = await import('node:fs/promises');
    // A recording spooler: what PowerShell would be given, read back from the files it names.
    const recording = (code: number): Runner => async (command, args) => {
      expect(command).toBe('powershell.exe');
      spooled.push({ script: await readFile(args[args.indexOf('-File') + 1]!, 'utf8'), args, bytes: await readFile(args[args.lastIndexOf('-File') + 1]!) });
      return { code, stderr: code ? 'The printer name is invalid.' : '' };
    };
    const result = await deliver(device('system', 'ZDesigner ZD421-203dpi ZPL'), { language: 'zpl', dpi: 203 }, bytes, 'lot-label', { spooler: { platform: 'win32', run: recording(0) } });
    expect(result).toEqual({ outcome: 'sent', status: null });
    expect(spooled[0]!.script).toBe(rawPrinterScript);
    expect(spooled[0]!.script).toMatch(/WritePrinter[\s\S]*pDataType = "RAW"/);
    expect(spooled[0]!.args).toContain('ZDesigner ZD421-203dpi ZPL');
    expect(decodeZpl(spooled[0]!.bytes).barcodes).toContainEqual({ type: 'code128', value: lot.lotId });
    await expect(spool('Nope', bytes, 'x', { platform: 'win32', run: recording(2) })).rejects.toMatchObject({ code: 'printing.noSuchPrinter' });
    expect(await deliver(device('system', 'Nope'), { language: 'zpl', dpi: 203 }, bytes, 'x', { spooler: { platform: 'win32', run: recording(3) } })).toMatchObject({ outcome: 'notSent', error: { code: 'printing.spoolerRefused' } });
  });

  it('node-thermal-printer prints through our link instead of its own interfaces', async () => {
    const epson = await new PrinterEmulator({ language: 'escpos' }).start();
    printers.push(epson);
    const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: thermalInterface(device('tcp', epson.address), { timeouts }) as never });
    expect(await printer.isPrinterConnected()).toBe(true);
    printer.println('Asante sana');
    printer.code128('L-26-R1-000123');
    printer.cut();
    await printer.execute();
    const [job] = await epson.waitForJobs(1);
    const decoded = decodeEscpos(job!.bytes);
    expect(decoded.texts).toContain('Asante sana');
    expect(decoded.barcodes.map((b) => b.value)).toContainEqual(expect.stringContaining('L-26-R1-000123'));
    epson.set({ headOpen: true });
    await expect(printer.execute()).rejects.toMatchObject({ code: 'printing.headOpen' });
  });
});
