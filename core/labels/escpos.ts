import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { gs1ElementString, parseGs1Bracketed } from './barcodes';
import type { Layout } from './layout';

// ESC/POS through node-thermal-printer's command builder (no interface: we only take its buffer;
// the printing layer delivers the bytes). Lines come wrapped from the layout, so its own folding is off.

const escapeCode128 = (data: string) => data.replace(/\{/g, '{{');

/** An Epson-type command builder starting with ESC @ and the code page (initHardware is in its JS, not its typings). */
export function escposBuilder(cols: number, codePage: string): ThermalPrinter {
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: cols, breakLine: BreakLine.NONE });
  (printer as ThermalPrinter & { initHardware(): void }).initHardware();
  printer.setCharacterSet(codePage);
  return printer;
}

export function toEscpos(layout: Layout): Buffer {
  const m = layout.metrics;
  const printer = escposBuilder(Math.floor(layout.width / m.fonts.normal.pitch), m.codePage!);
  const feed = (dots: number) => {
    printer.setLineSpacing(dots);
    printer.newLine();
  };
  for (const page of layout.pages) {
    let y = 0;
    for (const e of page.elements) {
      if (e.y > y) feed(Math.min(255, e.y - y));
      if (e.kind === 'box') continue;
      if (e.align === 'center') printer.alignCenter();
      else printer.alignLeft();
      if (e.kind === 'text') {
        const font = m.fonts[e.size];
        printer.setTextNormal();
        if (font.escpos.fontB) printer.setTypeFontB();
        printer.setTextSize(font.escpos.double ? 1 : 0, font.escpos.double ? 1 : 0);
        printer.bold(e.bold);
        printer.setLineSpacing(font.line);
        printer.println(e.text);
        y = e.y + font.line;
        continue;
      }
      // GS k 73 (Code 128): node-thermal-printer starts it in code set B ("{B"); "{1" is FNC1.
      if (e.symbology === 'qrcode') printer.printQR(e.data, { cellSize: e.module, correction: 'M', model: 2 });
      else if (e.symbology === 'gs1-128')
        printer.printBarcode('{1' + escapeCode128(gs1ElementString(parseGs1Bracketed(e.data), '\x1d')).replace(/\x1d/g, '{1'), 73, { hriPos: 0, hriFont: 0, width: e.module, height: e.height });
      else printer.printBarcode(escapeCode128(e.data), 73, { hriPos: 0, hriFont: 0, width: e.module, height: e.height });
      y = e.y + e.height;
    }
  }
  printer.alignLeft();
  printer.resetLineSpacing();
  printer.cut();
  return Buffer.from(printer.getBuffer());
}
