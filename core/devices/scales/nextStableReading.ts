import type { AppError } from '../../kernel/errors';
import { scaleErrors } from './errors';
import { StableRun } from './stability';
import type { Scale, ScaleReading } from './types';

export interface StableReadingOptions {
  /** Give up after this long: `scale.silent` if nothing was heard, `scale.unstable` otherwise. */
  timeoutMs?: number;
  /** Equal consecutive reports that make a weight capturable. */
  consecutive?: number;
  /** Whether "stable at zero" counts as a reading (a technician's test: yes; capturing a bag: no). */
  acceptZero?: boolean;
  /** With acceptZero false: stable at zero for `consecutive` reports is an empty scale (`scale.empty`), not a wait for a load. */
  emptyIsError?: boolean;
  /** Garbage lines in a row before giving up; one stray line (a port opened mid-line) is forgiven. */
  garbageLimit?: number;
  signal?: AbortSignal;
}

function describe(reading: ScaleReading | null): string {
  if (!reading) return 'no weight';
  return reading.reported ? `${reading.status} ${reading.reported.value} ${reading.reported.unit}` : reading.status;
}

/**
 * The first weight a person may capture: reports counted from the call on (never one from before
 * it, never the stale first one after connecting), `consecutive` of them equal and stable. Rejects
 * with an AppError (`scale.*`) as soon as the outcome is known: overload, under zero, fault and
 * calibration once they persist as long as a weight must; error replies and unknown units at once;
 * unplugged mid-weigh at once, discarding what was in progress.
 */
export function nextStableReading(scale: Scale, options: StableReadingOptions = {}): Promise<ScaleReading> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const consecutive = Math.max(1, options.consecutive ?? 3);
  const acceptZero = options.acceptZero ?? true;
  const garbageLimit = Math.max(1, options.garbageLimit ?? 3);
  const device = scale.device;
  const seconds = Math.round(timeoutMs / 100) / 10;

  return new Promise<ScaleReading>((resolve, reject) => {
    if (scale.state === 'closed') return reject(scaleErrors.closed(device));
    if (scale.state === 'disconnected') return reject(scaleErrors.unplugged(device));
    if (options.signal?.aborted) return reject(scaleErrors.cancelled(device));

    const started = Date.now();
    // Each word from the scale stamps a new Date: a different object means it spoke since the call.
    const heardBefore = scale.lastHeardAt;
    const run = new StableRun();
    let garbageInARow = 0;
    let last: ScaleReading | null = null;
    const unsubscribe: Array<() => void> = [];
    let timer: NodeJS.Timeout | undefined;

    const finish = (outcome: { reading: ScaleReading } | { error: AppError }) => {
      clearTimeout(timer);
      for (const off of unsubscribe) off();
      options.signal?.removeEventListener('abort', onAbort);
      if ('reading' in outcome) resolve(outcome.reading);
      else reject(outcome.error);
    };

    unsubscribe.push(
      scale.on('reading', (reading) => {
        garbageInARow = 0;
        last = reading;
        if (run.push(reading) < consecutive) return;
        switch (reading.status) {
          case 'stable':
            return finish({ reading });
          case 'zero':
            if (acceptZero) finish({ reading });
            else if (options.emptyIsError) finish({ error: scaleErrors.empty(device) });
            return;
          case 'over':
            return finish({ error: scaleErrors.overload(device) });
          case 'under':
            return finish({ error: scaleErrors.underZero(device) });
          case 'fault':
            return finish({ error: scaleErrors.fault(device) });
          case 'calibrate':
            return finish({ error: scaleErrors.needsCalibration(device) });
          case 'motion':
            return;
        }
      }),
      scale.on('problem', (error) => {
        if (error.code !== 'scale.garbage') return finish({ error });
        if (++garbageInARow >= garbageLimit) finish({ error });
      }),
      scale.on('state', (state) => {
        if (state === 'disconnected') finish({ error: scaleErrors.unplugged(device) });
        else if (state === 'silent') {
          const quietSince = scale.lastHeardAt?.getTime() ?? started;
          finish({ error: scaleErrors.silent(device, Math.round((Date.now() - quietSince) / 100) / 10) });
        }
        else if (state === 'closed') finish({ error: scaleErrors.closed(device) });
      }),
    );

    const onAbort = () => finish({ error: scaleErrors.cancelled(device) });
    options.signal?.addEventListener('abort', onAbort);

    timer = setTimeout(() => {
      const heard = scale.lastHeardAt !== heardBefore;
      finish({ error: heard ? scaleErrors.unstable(device, seconds, describe(last)) : scaleErrors.silent(device, seconds) });
    }, timeoutMs);
  });
}
