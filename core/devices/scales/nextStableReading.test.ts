import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors';
import { nextStableReading } from './nextStableReading';
import { garbage, readingReport, errorReply, type ScaleReport } from './report';
import { BaseScale } from './scaleBase';
import type { ScaleStatus } from './types';

/** A scale fed by hand, report by report: the rules without timing. */
class HandFedScale extends BaseScale {
  readonly can = { tare: false, zero: false };
  constructor(silenceMs = 60_000) {
    super('test:hand', { silenceMs });
    this.markConnected();
  }
  feed(...reports: ScaleReport[]): void {
    for (const report of reports) this.accept(report);
  }
  weigh(status: ScaleStatus, grams: number | null, times = 1): void {
    for (let i = 0; i < times; i++) this.feed(readingReport(status, grams === null ? null : { value: grams, unit: 'g' }, `${status} ${grams}`));
  }
  unplug(): void {
    this.markDisconnected('pulled');
  }
  plug(): void {
    this.markConnected();
  }
  async tare(): Promise<void> {}
  async zero(): Promise<void> {}
  async close(): Promise<void> {
    this.markClosed();
  }
}

/** A connected scale whose stale first report has already been dropped. */
function readyScale(silenceMs?: number): HandFedScale {
  const scale = new HandFedScale(silenceMs);
  scale.weigh('stable', 999);
  return scale;
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
}

/** Whether the promise has settled after everything already queued has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('nextStableReading: what makes a weight capturable', () => {
  it('needs three equal stable reports in a row (by default)', async () => {
    const scale = readyScale();
    const next = nextStableReading(scale);
    scale.weigh('motion', 120.1);
    scale.weigh('stable', 123.45, 2);
    expect(await settled(next)).toBe(false);
    scale.weigh('stable', 123.45);
    await expect(next).resolves.toMatchObject({ grams: 123.45, status: 'stable', raw: 'stable 123.45', device: 'test:hand' });
  });

  it('starts counting again when the weight moves or changes, even if the scale calls each report stable', async () => {
    const scale = readyScale();
    const next = nextStableReading(scale);
    scale.weigh('stable', 123.45, 2);
    scale.weigh('motion', 123.5);
    scale.weigh('stable', 123.45, 2);
    scale.weigh('stable', 123.46);
    scale.weigh('stable', 123.45, 2);
    expect(await settled(next)).toBe(false);
    scale.weigh('stable', 123.45);
    await expect(next).resolves.toMatchObject({ grams: 123.45 });
  });

  it('never counts reports from before the call (the bag may not be on yet)', async () => {
    const scale = readyScale();
    scale.weigh('stable', 50, 5);
    const next = nextStableReading(scale);
    scale.weigh('stable', 50, 2);
    expect(await settled(next)).toBe(false);
    scale.weigh('stable', 50);
    await expect(next).resolves.toMatchObject({ grams: 50 });
  });

  it('never takes the first report after connecting: it can be a stale weight', async () => {
    const scale = new HandFedScale();
    const seen: Array<number | null> = [];
    scale.on('reading', (r) => seen.push(r.grams));
    const next = nextStableReading(scale, { consecutive: 1 });
    scale.weigh('stable', 700); // from before: dropped
    scale.weigh('stable', 250);
    await expect(next).resolves.toMatchObject({ grams: 250 });
    expect(seen).toEqual([250]);
  });

  it('after a reconnect, the first report is dropped again', async () => {
    const scale = readyScale();
    scale.unplug();
    scale.plug();
    const next = nextStableReading(scale, { consecutive: 1 });
    scale.weigh('stable', 700);
    scale.weigh('stable', 250);
    await expect(next).resolves.toMatchObject({ grams: 250 });
  });

  it('takes "stable at zero" unless told not to', async () => {
    const scale = readyScale();
    const any = nextStableReading(scale);
    scale.weigh('stable', 0, 3);
    await expect(any).resolves.toMatchObject({ status: 'zero', grams: 0 });

    const notZero = nextStableReading(scale, { acceptZero: false });
    scale.weigh('stable', 0, 5);
    expect(await settled(notZero)).toBe(false);
    scale.weigh('stable', 41.2, 3);
    await expect(notZero).resolves.toMatchObject({ grams: 41.2 });
  });

  it('N is settable', async () => {
    const scale = readyScale();
    const next = nextStableReading(scale, { consecutive: 5 });
    scale.weigh('stable', 10, 4);
    expect(await settled(next)).toBe(false);
    scale.weigh('stable', 10);
    await expect(next).resolves.toMatchObject({ grams: 10 });
  });
});

describe('nextStableReading: refusals', () => {
  it.each([
    ['over', 'scale.overload'],
    ['under', 'scale.underZero'],
    ['fault', 'scale.fault'],
    ['calibrate', 'scale.needsCalibration'],
  ] as const)('%s that persists rejects with %s', async (status, expected) => {
    const scale = readyScale();
    const next = nextStableReading(scale);
    scale.weigh(status, null, 3);
    expect(await code(next)).toBe(expected);
  });

  it('an overload blip while a bag lands is not the outcome', async () => {
    const scale = readyScale();
    const next = nextStableReading(scale);
    scale.weigh('over', null);
    scale.weigh('motion', 300);
    scale.weigh('stable', 298.2, 3);
    await expect(next).resolves.toMatchObject({ grams: 298.2 });
  });

  it('an error reply rejects at once with the reply in the message', async () => {
    const scale = readyScale();
    const next = nextStableReading(scale);
    scale.feed(errorReply('ES', 'a syntax error'));
    const error = await next.catch((e: AppError) => e);
    expect(error).toMatchObject({ code: 'scale.error', params: { reply: 'ES', device: 'test:hand' } });
    expect((error as AppError).message).toContain('test:hand');
  });

  it('an unknown unit rejects at once', async () => {
    const scale = readyScale();
    const next = nextStableReading(scale);
    scale.feed(readingReport('stable', { value: 3, unit: 'tl' }, 'ST,+00003.00 tl'));
    expect(await code(next)).toBe('scale.unknownUnit');
  });

  it('one garbage line is forgiven (a port opened mid-line); three in a row are not', async () => {
    const scale = readyScale();
    const forgiving = nextStableReading(scale);
    scale.feed(garbage('3.45  g', 'partial'), garbage('\x00', 'noise'));
    scale.weigh('stable', 5, 3);
    await expect(forgiving).resolves.toMatchObject({ grams: 5 });

    const strict = nextStableReading(scale);
    scale.feed(garbage('\x00', 'noise'), garbage('\x01', 'noise'));
    scale.weigh('motion', 5);
    scale.feed(garbage('\x00', 'noise'), garbage('\x01', 'noise'));
    expect(await settled(strict)).toBe(false);
    scale.feed(garbage('\xff', 'noise'));
    expect(await code(strict)).toBe('scale.garbage');
  });

  it('unplugged mid-weigh discards the reading in progress', async () => {
    const scale = readyScale();
    const next = nextStableReading(scale);
    scale.weigh('stable', 80, 2);
    scale.unplug();
    expect(await code(next)).toBe('scale.unplugged');
    // Plugged back in, nothing from before counts.
    scale.plug();
    const again = nextStableReading(scale);
    scale.weigh('stable', 80, 3); // the first is dropped as stale
    expect(await settled(again)).toBe(false);
    scale.weigh('stable', 80);
    await expect(again).resolves.toMatchObject({ grams: 80 });
  });

  it('an unplugged or closed scale is refused straight away', async () => {
    const scale = readyScale();
    scale.unplug();
    expect(await code(nextStableReading(scale))).toBe('scale.unplugged');
    await scale.close();
    expect(await code(nextStableReading(scale))).toBe('scale.closed');
  });

  it('a scale going silent rejects with scale.silent, and talking again makes it connected', async () => {
    const scale = readyScale(50);
    const states: string[] = [];
    scale.on('state', (state) => states.push(state));
    expect(await code(nextStableReading(scale))).toBe('scale.silent');
    scale.weigh('stable', 1);
    expect(states).toEqual(['silent', 'connected']);
  });

  it('on timeout: silent if nothing was heard, unstable (with the last reading) if it never settled', async () => {
    const quiet = readyScale();
    expect(await code(nextStableReading(quiet, { timeoutMs: 30 }))).toBe('scale.silent');

    const swinging = readyScale();
    const next = nextStableReading(swinging, { timeoutMs: 200 });
    swinging.weigh('motion', 12.5);
    const error = await next.catch((e: AppError) => e);
    expect(error).toMatchObject({ code: 'scale.unstable', params: { last: 'motion 12.5 g' } });
  });

  it('can be cancelled', async () => {
    const scale = readyScale();
    const abort = new AbortController();
    const next = nextStableReading(scale, { signal: abort.signal });
    abort.abort();
    expect(await code(next)).toBe('scale.cancelled');
  });
});
