import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { port, type Command } from '../kernel/command';
import { UsageError } from '../kernel/errors';
import { waitForSignal } from '../cli/signals';
import { decodeEscpos } from '../labels/decode/escpos';
import { decodeZpl } from '../labels/decode/zpl';
import { PrinterEmulator, type EmulatorFault } from './emulator';

// hq printer-emulator: a network printer on a port, for trying a station without one (joined in core/cli/commands.ts).

const states: Record<string, Partial<PrinterEmulator['state']>> = {
  'paper-out': { paperOut: true },
  'paper-in': { paperOut: false },
  'head-open': { headOpen: true },
  'head-closed': { headOpen: false },
  pause: { paused: true },
  resume: { paused: false },
};
const faults: Record<string, EmulatorFault> = { refuse: 'refuse', stall: 'stall', 'close-early': 'closeEarly', ok: 'none' };

export const printingCommands: Record<string, Command> = {
  'printer-emulator': {
    summary: 'a port-9100 label/receipt printer that prints what it gets as decoded JSON lines',
    usage: [
      'hq printer-emulator [--port 9100] [--host 127.0.0.1] [--language zpl|escpos|any] [--dpi 203|300] [--out DIR]',
      '  Each job: one JSON line (bytes, decoded texts and barcodes); --out also keeps its bytes as DIR/job-N.bin.',
      '  Type on stdin to change its state: paper-out, paper-in, head-open, head-closed, pause, resume,',
      '  refuse, stall, close-early, ok.',
    ].join('\n'),
    options: { port: { type: 'string' }, host: { type: 'string' }, language: { type: 'string' }, dpi: { type: 'string' }, out: { type: 'string' } },
    async run(values) {
      const language = (values.language as string | undefined) ?? 'any';
      if (!['zpl', 'escpos', 'any'].includes(language)) throw new UsageError(`--language must be zpl, escpos or any, not ${language}`);
      const dpi = values.dpi === undefined ? 203 : Number(values.dpi);
      if (dpi !== 203 && dpi !== 300) throw new UsageError(`--dpi must be 203 or 300, not ${String(values.dpi)}`);
      const printer = await new PrinterEmulator({ host: (values.host as string | undefined) ?? '127.0.0.1', language: language as 'zpl' | 'escpos' | 'any', dpi }).start(port(values.port, 9100));
      console.error(`printer emulator on ${printer.address} (${language}, ${dpi} dpi)`);
      let n = 0;
      printer.on('job', (job) => {
        n++;
        const zpl = job.bytes.includes('^XA');
        const decoded = zpl ? decodeZpl(job.bytes) : decodeEscpos(job.bytes);
        if (values.out) writeFileSync(path.join(values.out as string, `job-${n}.bin`), job.bytes);
        console.log(JSON.stringify({ job: n, bytes: job.bytes.length, complete: job.complete, language: zpl ? 'zpl' : 'escpos', texts: decoded.texts, barcodes: decoded.barcodes }));
      });
      const input = createInterface({ input: process.stdin });
      input.on('line', (line) => {
        const word = line.trim();
        if (states[word]) printer.set(states[word]);
        else if (faults[word]) void printer.setFault(faults[word]);
        else if (word) return console.error(`unknown: ${word}`);
        console.error(`state: ${JSON.stringify(printer.state)}`);
      });
      await waitForSignal();
      input.close();
      await printer.stop();
    },
  },
};
