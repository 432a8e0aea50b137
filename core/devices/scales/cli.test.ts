import { afterAll, describe, expect, it } from 'vitest';
import { hq } from '../../testing/hq';
import { BalanceEmulator } from './emulator';

// `hq scale` as a technician types it: a real process against the balance emulator.

const emulators: BalanceEmulator[] = [];
async function balance(protocol: 'mt-sics' | 'and'): Promise<BalanceEmulator> {
  const emulator = await BalanceEmulator.start({ protocol });
  emulators.push(emulator);
  return emulator;
}

afterAll(async () => {
  for (const emulator of emulators) await emulator.stop();
});

describe.concurrent('hq scale', () => {
  it('read: prints the next stable reading as one JSON line and exits 0', async () => {
    const emulator = await balance('mt-sics');
    emulator.weigh(250.5);
    const run = await hq('scale', 'read', '--device', `serial:${emulator.appPath}`, '--protocol', 'mt-sics');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ grams: 250.5, value: 250.5, unit: 'g', raw: 'S S     250.50 g', device: `serial:${emulator.appPath}` });
  });

  it('read: an A&D stream in kg at a given baud rate', async () => {
    const emulator = await balance('and');
    emulator.weigh(1.5, { unit: 'kg' });
    const run = await hq('scale', 'read', '--device', `serial:${emulator.appPath}`, '--protocol', 'and', '--baud', '9600');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ grams: 1500, value: 1.5, unit: 'kg', raw: 'ST,+00001.50 kg' });
  });

  it.each([
    ['overload', (e: BalanceEmulator) => e.overload(), 'overloaded', '15'],
    ['an error reply', (e: BalanceEmulator) => e.errorReplies('ES'), 'answered "ES"', '15'],
    ['garbage', (e: BalanceEmulator) => e.garbage(), 'not its protocol', '15'],
    ['silence', (e: BalanceEmulator) => e.silent(), 'said nothing', '2'],
  ])('read: %s exits 1 with a clear message on stderr and nothing on stdout', async (_what, behave, message, timeout) => {
    const emulator = await balance('mt-sics');
    behave(emulator);
    const run = await hq('scale', 'read', '--device', `serial:${emulator.appPath}`, '--protocol', 'mt-sics', '--timeout', timeout);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('hq scale: The scale serial:');
    expect(run.stderr).toContain(message);
  });

  it('read: a serial device without --protocol, or no subcommand, is a usage error (exit 2)', async () => {
    const noProtocol = await hq('scale', 'read', '--device', 'serial:/dev/ttyUSB0');
    expect(noProtocol.code).toBe(2);
    expect(noProtocol.stderr).toContain('--protocol mt-sics|and|ohaus');
    const nothing = await hq('scale');
    expect(nothing.code).toBe(2);
  });

  it('list: exits 0 with a table or a sentence saying none were found', async () => {
    const run = await hq('scale', 'list');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^DEVICE\s+KIND\s+NAME\s+NOTE|No scales found/);
  });
});
