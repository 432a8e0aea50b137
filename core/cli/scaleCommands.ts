import { findScales, type FoundScale } from '../devices/scales/discover';
import { nextStableReading } from '../devices/scales/nextStableReading';
import { openScale } from '../devices/scales/openScale';
import { serialProtocols } from '../devices/scales/serialProtocols';
import { required, type Command } from '../kernel/command';
import { UsageError } from '../kernel/errors';

// `hq scale list|read`: for a technician setting up a desk, before the app is configured.

function table(rows: FoundScale[]): string {
  const header = { device: 'DEVICE', kind: 'KIND', name: 'NAME', note: 'NOTE' };
  const all = [header, ...rows];
  const width = (key: keyof typeof header) => Math.max(...all.map((r) => r[key].length));
  const widths = { device: width('device'), kind: width('kind'), name: width('name') };
  return all.map((r) => `${r.device.padEnd(widths.device)}  ${r.kind.padEnd(widths.kind)}  ${r.name.padEnd(widths.name)}  ${r.note}`.trimEnd()).join('\n');
}

function positiveNumber(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, not ${String(value)}`);
  return n;
}

async function list(): Promise<void> {
  const { scales, notes } = await findScales();
  for (const note of notes) console.error(note);
  if (scales.length === 0) console.log('No scales found: no USB HID scale and no serial port on this computer.');
  else console.log(table(scales));
}

async function read(values: Record<string, string | boolean | undefined>): Promise<void> {
  const device = required(values, 'device');
  const serial = device.startsWith('serial:');
  if (serial && typeof values.protocol !== 'string') throw new UsageError(`a serial scale needs --protocol ${serialProtocols.join('|')}`);
  if (!serial && values.protocol !== undefined) throw new UsageError('--protocol is for serial scales only');
  const baud = values.baud === undefined ? undefined : Number(values.baud);
  if (baud !== undefined && (!Number.isInteger(baud) || baud < 110 || baud > 921_600)) throw new UsageError(`--baud must be a baud rate such as 9600, not ${String(values.baud)}`);
  const timeoutMs = positiveNumber(values.timeout, 'timeout', 10) * 1000;

  const scale = await openScale({ device, protocol: values.protocol as string | undefined, baudRate: baud, silenceMs: Math.min(3000, timeoutMs) });
  try {
    const reading = await nextStableReading(scale, { timeoutMs, acceptZero: true });
    const { grams, reported, raw } = reading;
    console.log(JSON.stringify({ grams, value: reported?.value ?? null, unit: reported?.unit ?? null, raw, device: reading.device }));
  } finally {
    await scale.close();
  }
}

export const scaleCommands: Record<string, Command> = {
  scale: {
    summary: 'find scales, and read one stable weight from a scale (for setting up a desk)',
    usage: [
      'hq scale list',
      '  USB HID scales (known models and any device on the HID scale usage page) and serial ports.',
      `hq scale read --device serial:PATH --protocol ${serialProtocols.join('|')} [--baud N] [--timeout SECONDS]`,
      'hq scale read --device hid:VID:PID [--timeout SECONDS]',
      '  Prints the next stable reading as one JSON line: {grams, value, unit, raw, device}.',
      '  Exits 1 with the reason on overload, an error reply, garbage, or silence (default 10 s).',
      '  Serial defaults: mt-sics 9600 8N1, and (A&D) 2400 7E1, ohaus 9600 8N1; --baud overrides the rate.',
    ].join('\n'),
    options: { device: { type: 'string' }, protocol: { type: 'string' }, baud: { type: 'string' }, timeout: { type: 'string' } },
    async run(values, positionals) {
      const [sub, ...extra] = positionals;
      if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}`);
      if (sub === 'list') return list();
      if (sub === 'read') return read(values);
      throw new UsageError(sub ? `unknown subcommand "${sub}": list or read` : 'say list or read');
    },
  },
};
