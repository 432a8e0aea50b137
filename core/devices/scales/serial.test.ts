import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../kernel/errors';
import { BalanceEmulator, type EmulatorOptions } from './emulator';
import { nextStableReading } from './nextStableReading';
import { SerialScale, type SerialScaleOptions } from './serialScale';
import type { ScaleReading, ScaleState } from './types';

// The real serialport driver against a balance emulated on a socat pseudo-terminal pair.
// Timeouts are generous (a loaded 2-core machine); nothing asserts how long anything took.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function balance(options: EmulatorOptions): Promise<BalanceEmulator> {
  const emulator = await BalanceEmulator.start(options);
  cleanups.push(() => emulator.stop());
  return emulator;
}

async function open(emulator: BalanceEmulator, options: Partial<SerialScaleOptions> = {}): Promise<SerialScale> {
  const scale = await SerialScale.open({ path: emulator.appPath, protocol: 'mt-sics', pollMs: 40, ...options });
  cleanups.push(() => scale.close());
  return scale;
}

function record(scale: SerialScale): { readings: ScaleReading[]; states: ScaleState[] } {
  const seen = { readings: [] as ScaleReading[], states: [] as ScaleState[] };
  scale.on('reading', (r) => seen.readings.push(r));
  scale.on('state', (s) => seen.states.push(s));
  return seen;
}

const patient = { timeoutMs: 15_000, acceptZero: false };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected the weighing to fail');
    },
    (error: AppError) => error,
  );
}

/** Waits for a condition that the scale reaches by itself (a state change, a command arriving). */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('MT-SICS balance over serial (SI polling)', () => {
  it('reads a load once it has settled, in grams, with the raw line and device', async () => {
    const emulator = await balance({ protocol: 'mt-sics', motionReports: 4 });
    emulator.weigh(123.45);
    const scale = await open(emulator);
    const seen = record(scale);
    const reading = await nextStableReading(scale, patient);
    expect(reading).toMatchObject({ grams: 123.45, stable: true, status: 'stable', reported: { value: 123.45, unit: 'g' } });
    expect(reading.raw).toBe('S S     123.45 g');
    expect(reading.device).toBe(`serial:${emulator.appPath}`);
    expect(seen.readings.some((r) => r.status === 'motion')).toBe(true);
    expect(emulator.received).toContain('SI');
  });

  it('converts what the balance reports in kg', async () => {
    const emulator = await balance({ protocol: 'mt-sics' });
    emulator.weigh(1.25, { unit: 'kg' });
    const scale = await open(emulator);
    expect(await nextStableReading(scale, patient)).toMatchObject({ grams: 1250, reported: { value: 1.25, unit: 'kg' } });
  });

  it('never takes a stale line waiting in the port from before it was opened', async () => {
    const emulator = await balance({ protocol: 'mt-sics', motionReports: 0 });
    emulator.sendLine('S S     999.99 g');
    emulator.weigh(42.5);
    const scale = await open(emulator);
    expect((await nextStableReading(scale, { ...patient, consecutive: 1 })).grams).toBe(42.5);
  });

  it('tares and zeroes on the balance, confirmed by its replies', async () => {
    const emulator = await balance({ protocol: 'mt-sics', motionReports: 1 });
    emulator.weigh(150);
    const scale = await open(emulator);
    expect((await nextStableReading(scale, patient)).grams).toBe(150);
    await scale.tare();
    expect(emulator.received).toContain('T');
    emulator.weigh(820.4); // pieces in the tared tray
    expect((await nextStableReading(scale, patient)).grams).toBe(820.4);
    await scale.zero();
    expect(emulator.received).toContain('Z');
    expect(await nextStableReading(scale, { ...patient, acceptZero: true })).toMatchObject({ status: 'zero', grams: 0 });
  });

  it('a tare the balance refuses rejects with its reply', async () => {
    const emulator = await balance({ protocol: 'mt-sics' });
    emulator.weigh(10);
    const scale = await open(emulator);
    await nextStableReading(scale, patient);
    emulator.errorReplies('EL');
    const error = await failure(scale.tare());
    expect(error).toMatchObject({ code: 'scale.error', params: { reply: 'EL' } });
  });

  it('overload: rejects with scale.overload', async () => {
    const emulator = await balance({ protocol: 'mt-sics' });
    emulator.overload();
    const scale = await open(emulator);
    expect((await failure(nextStableReading(scale, patient))).code).toBe('scale.overload');
  });

  it('error replies: rejects with scale.error, naming the reply', async () => {
    const emulator = await balance({ protocol: 'mt-sics' });
    emulator.errorReplies('ES');
    const scale = await open(emulator);
    const error = await failure(nextStableReading(scale, patient));
    expect(error.code).toBe('scale.error');
    expect(error.message).toContain('"ES"');
    expect(error.message).toContain('syntax error');
  });

  it('garbage: rejects with scale.garbage', async () => {
    const emulator = await balance({ protocol: 'mt-sics' });
    emulator.garbage();
    const scale = await open(emulator);
    const error = await failure(nextStableReading(scale, patient));
    expect(error.code).toBe('scale.garbage');
    expect(error.message).toContain('baud rate');
  });

  it('silence: rejects with scale.silent; when the balance talks again it is connected again', async () => {
    const emulator = await balance({ protocol: 'mt-sics', motionReports: 0 });
    emulator.silent();
    const scale = await open(emulator, { silenceMs: 500 });
    const seen = record(scale);
    expect((await failure(nextStableReading(scale, patient))).code).toBe('scale.silent');
    emulator.weigh(7.5);
    expect((await nextStableReading(scale, patient)).grams).toBe(7.5);
    expect(seen.states).toEqual(['silent', 'connected']);
  });

  it('unplugged mid-weigh: the reading in progress is discarded; plugged back, it reconnects and weighs again', async () => {
    const emulator = await balance({ protocol: 'mt-sics' });
    emulator.weigh(80, { motionReports: 1_000_000 }); // still swinging when the cable goes
    const scale = await open(emulator, { reconnectMs: 100 });
    const seen = record(scale);
    await eventually(() => seen.readings.length > 0, 'a reading in motion');
    const weighing = failure(nextStableReading(scale, patient));
    await emulator.unplug();
    expect((await weighing).code).toBe('scale.unplugged');
    expect(scale.state).toBe('disconnected');
    expect(scale.last).toBeNull();
    expect((await failure(scale.tare())).code).toBe('scale.unplugged');

    await emulator.plugIn();
    emulator.weigh(80, { motionReports: 1 });
    await eventually(() => scale.state === 'connected', 'the reconnect');
    expect((await nextStableReading(scale, patient)).grams).toBe(80);
    expect(seen.states).toEqual(['disconnected', 'connected']);
  });

  it('SIR: asks once for the stream and stops it with @ on close', async () => {
    const emulator = await balance({ protocol: 'mt-sics', motionReports: 2 });
    emulator.weigh(55.55);
    const scale = await open(emulator, { mtSicsMode: 'SIR' });
    expect((await nextStableReading(scale, patient)).grams).toBe(55.55);
    expect(emulator.received.filter((c) => c === 'SIR')).toHaveLength(1);
    expect(emulator.received).not.toContain('SI');
    await scale.close();
    await eventually(() => emulator.received.includes('@'), 'the @ reset');
  });

  it('S polling: answers only with settled weights', async () => {
    const emulator = await balance({ protocol: 'mt-sics', motionReports: 3 });
    emulator.weigh(12.34);
    const scale = await open(emulator, { mtSicsMode: 'S' });
    const seen = record(scale);
    expect((await nextStableReading(scale, patient)).grams).toBe(12.34);
    expect(emulator.received).toContain('S');
    expect(seen.readings.every((r) => r.status === 'stable')).toBe(true);
  });

  it('a port that does not exist is scale.notFound with the cause', async () => {
    const error = await failure(SerialScale.open({ path: '/dev/karakana-no-such-port', protocol: 'mt-sics' }));
    expect(error.code).toBe('scale.notFound');
    expect(error.message).toContain('/dev/karakana-no-such-port');
  });
});

describe('A&D balance streaming continuously (2400 7E1)', () => {
  const and = { protocol: 'and' as const };

  it('reads the stream once the load has settled', async () => {
    const emulator = await balance({ ...and, motionReports: 4 });
    const scale = await open(emulator, and);
    const seen = record(scale);
    emulator.weigh(123.45); // after opening: lines streamed before it are flushed as old news
    const reading = await nextStableReading(scale, patient);
    expect(reading).toMatchObject({ grams: 123.45, raw: 'ST,+00123.45  g' });
    expect(seen.readings.some((r) => r.raw.startsWith('US,'))).toBe(true);
    expect(emulator.received).toEqual([]); // a stream needs no asking
  });

  it('tare is sent as T and shows in the stream', async () => {
    const emulator = await balance({ ...and, motionReports: 1 });
    emulator.weigh(150);
    const scale = await open(emulator, and);
    await nextStableReading(scale, patient);
    await scale.tare();
    await eventually(() => emulator.received.includes('T'), 'the tare command');
    emulator.weigh(20.5);
    expect((await nextStableReading(scale, patient)).grams).toBe(20.5);
  });

  it('overload (OL): rejects with scale.overload', async () => {
    const emulator = await balance(and);
    emulator.overload();
    const scale = await open(emulator, and);
    expect((await failure(nextStableReading(scale, patient))).code).toBe('scale.overload');
  });

  it('garbage: rejects with scale.garbage', async () => {
    const emulator = await balance(and);
    emulator.garbage();
    const scale = await open(emulator, and);
    expect((await failure(nextStableReading(scale, patient))).code).toBe('scale.garbage');
  });

  it('bytes that never end a line are garbage, not silence', async () => {
    const emulator = await balance(and);
    emulator.silent();
    const scale = await open(emulator, { ...and, silenceMs: 10_000 });
    const weighing = failure(nextStableReading(scale, patient));
    emulator.sendBytes(Buffer.alloc(2000, 'x'));
    expect((await weighing).code).toBe('scale.garbage');
  });

  it('error lines: rejects with scale.error', async () => {
    const emulator = await balance(and);
    emulator.errorReplies();
    const scale = await open(emulator, and);
    const error = await failure(nextStableReading(scale, patient));
    expect(error).toMatchObject({ code: 'scale.error', params: { reply: 'EC,E01' } });
  });

  it('silence: rejects with scale.silent', async () => {
    const emulator = await balance(and);
    emulator.silent();
    const scale = await open(emulator, { ...and, silenceMs: 500 });
    expect((await failure(nextStableReading(scale, patient))).code).toBe('scale.silent');
  });

  it('polling with Q when the stream is off', async () => {
    const emulator = await balance({ ...and, intervalMs: 60_000, motionReports: 1 });
    emulator.weigh(9.99);
    const scale = await open(emulator, { ...and, poll: true, pollMs: 40 });
    expect((await nextStableReading(scale, patient)).grams).toBe(9.99);
    expect(emulator.received).toContain('Q');
  });
});

describe('Ohaus balance streaming continuously', () => {
  it('reads the stream once the ? is gone', async () => {
    const emulator = await balance({ protocol: 'ohaus', motionReports: 3 });
    const scale = await open(emulator, { protocol: 'ohaus' });
    const seen = record(scale);
    emulator.weigh(0.45, { unit: 'oz' });
    const reading = await nextStableReading(scale, patient);
    expect(reading).toMatchObject({ grams: 12.7572854063, reported: { value: 0.45, unit: 'oz' } });
    expect(seen.readings.some((r) => r.raw.endsWith('?'))).toBe(true);
  });
});
