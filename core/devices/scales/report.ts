import type { AppError } from '../../kernel/errors';
import { scaleErrors } from './errors';
import type { ScaleReading, ScaleStatus } from './types';
import { toGrams, type Spellings } from './units';

/**
 * What one report (an HID input report, a serial line) means, before it is stamped with time and
 * device. Parsers are pure and return one of these for any input: they never throw.
 */
export type ScaleReport =
  | ({ kind: 'reading' } & Omit<ScaleReading, 'at' | 'device'>)
  /** The answer to a zero or tare command: done, or refused with the reply as the reason. */
  | { kind: 'reply'; command: 'zero' | 'tare'; ok: boolean; detail: string; raw: string }
  /** Understood but not executable now (MT-SICS `S I`): the balance talks, it just has nothing yet. */
  | { kind: 'busy'; raw: string }
  /** Error replies, garbage, unknown units. */
  | { kind: 'problem'; error: AppError; raw: string }
  /** Lines that carry nothing for weighing (identification replies, ACK bytes, blank lines). */
  | { kind: 'ignored'; raw: string };

/** Statuses that carry no usable weight whatever number came with them. */
const weightless: ReadonlySet<ScaleStatus> = new Set(['over', 'fault', 'calibrate']);

/**
 * A reading from a value and unit symbol. Converting happens only when the status carries a weight:
 * an overloaded scale in an odd unit is still "overloaded", not "unknown unit".
 */
export function readingReport(status: ScaleStatus, reported: { value: number; unit: string } | null, raw: string, spellings?: Spellings): ScaleReport {
  let grams: number | null = null;
  if (reported && !weightless.has(status)) {
    try {
      grams = toGrams(reported.value, reported.unit, spellings);
    } catch (error) {
      return { kind: 'problem', error: error as AppError, raw };
    }
  }
  // A stable exact zero is "stable at zero" whatever the protocol calls it.
  if (status === 'stable' && grams === 0) status = 'zero';
  return { kind: 'reading', status, stable: status === 'stable' || status === 'zero', grams, reported, raw };
}

/** Status from a serial balance's stable flag and sign: a stable negative weight is "under zero". */
export function signedStatus(stable: boolean, value: number): ScaleStatus {
  if (!stable) return 'motion';
  return value < 0 ? 'under' : 'stable';
}

export function garbage(raw: string, why: string): ScaleReport {
  return { kind: 'problem', error: scaleErrors.garbage(raw, why), raw };
}

export function errorReply(raw: string, meaning: string): ScaleReport {
  return { kind: 'problem', error: scaleErrors.errorReply(raw.trim(), meaning), raw };
}

/** Printable ASCII only: a line with control bytes or high bytes is line noise or a wrong baud rate. */
export function isPrintable(line: string): boolean {
  return /^[\x20-\x7e]*$/.test(line);
}
