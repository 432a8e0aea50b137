import { readingReport } from './report';
import { BaseScale } from './scaleBase';
import type { ScaleStatus } from './types';
import { toGrams } from './units';

export interface SimulatedScaleOptions {
  /** Time between reports; a bench scale sends about ten a second. */
  intervalMs?: number;
  /** Reports in motion after a load changes, before the weight settles. */
  motionReports?: number;
  /** Above this gross weight the scale reports overload. */
  capacityGrams?: number;
  silenceMs?: number;
}

/** Swing of a settling load in grams, smallest last: a fixed pattern so demos and tests repeat exactly. */
const swing = [0.1, -0.2, 0.5, -1.1, 2.3, -4.1];

type Trouble = 'fault' | 'calibrate' | 'silent' | null;

/**
 * A scale for demos and end-to-end tests, driven by code: set(grams) puts a load on it, which goes
 * through motion and then settles, exactly like a bag put on a bench scale. Tare and zero work.
 * It reports through the same readings, states and rules as the real drivers.
 */
export class SimulatedScale extends BaseScale {
  readonly can = { tare: true, zero: true };
  private readonly intervalMs: number;
  private readonly motionReports: number;
  private readonly capacityGrams: number;
  private gross = 0;
  private tareGrams = 0;
  private zeroGrams = 0;
  private motionLeft = 0;
  private unit = 'g';
  private trouble: Trouble = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(device: string, options: SimulatedScaleOptions = {}) {
    super(device, { silenceMs: options.silenceMs });
    this.intervalMs = options.intervalMs ?? 100;
    this.motionReports = options.motionReports ?? 5;
    this.capacityGrams = options.capacityGrams ?? 30_000;
    this.plug();
  }

  /** Puts a load of this many grams (gross) on the pan; 0 empties it. */
  set(grams: number, options: { motionReports?: number } = {}): void {
    if (!Number.isFinite(grams)) throw new RangeError(`a simulated load must be a number of grams, not ${grams}`);
    this.gross = grams;
    this.motionLeft = options.motionReports ?? this.motionReports;
  }

  /** The net weight the scale would show once settled. */
  get netGrams(): number {
    return round(this.gross - this.zeroGrams - this.tareGrams);
  }

  /** Reports in another unit (g, kg, ct, oz, lb...), as a balance switched to carats would. */
  setUnit(unit: string): void {
    toGrams(1, unit); // refuses a unit the drivers could not convert either
    this.unit = unit;
  }

  /** A scale in trouble: reporting a fault, asking for calibration, or saying nothing at all. */
  setTrouble(trouble: Trouble): void {
    this.trouble = trouble;
  }

  /** The cable is pulled: `disconnected`, and any weighing in progress is discarded. */
  unplug(): void {
    this.stopTimer();
    this.markDisconnected('simulated unplug');
  }

  /** The cable is back: `connected`, and the first report is dropped as stale, as with real scales. */
  plug(): void {
    if (this.state === 'closed' || this.timer) return;
    this.markConnected('simulated');
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  override async tare(): Promise<void> {
    this.tareGrams = round(this.gross - this.zeroGrams);
  }

  override async zero(): Promise<void> {
    this.zeroGrams = this.gross;
    this.tareGrams = 0;
  }

  override async close(): Promise<void> {
    this.stopTimer();
    this.markClosed();
    simulatedScales.forget(this);
  }

  private tick(): void {
    if (this.trouble === 'silent') return;
    const { status, value } = this.current();
    const reported = value === null ? null : { value: fromGrams(value, this.unit), unit: this.unit };
    const raw = `SIM ${status}${reported ? ` ${reported.value} ${reported.unit}` : ''}`;
    this.accept(readingReport(status, reported, raw));
  }

  private current(): { status: ScaleStatus; value: number | null } {
    if (this.trouble === 'fault') return { status: 'fault', value: null };
    if (this.trouble === 'calibrate') return { status: 'calibrate', value: null };
    if (this.gross > this.capacityGrams) return { status: 'over', value: null };
    if (this.motionLeft > 0) {
      this.motionLeft -= 1;
      return { status: 'motion', value: round(this.netGrams + swing[this.motionLeft % swing.length]!) };
    }
    const net = this.netGrams;
    return { status: net < 0 ? 'under' : 'stable', value: net };
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

function round(grams: number): number {
  return Math.round(grams * 100) / 100;
}

/** Grams in the display unit, with the few decimals a display would show. */
function fromGrams(grams: number, unit: string): number {
  return Number((grams / toGrams(1, unit)).toPrecision(7));
}

/**
 * Simulated scales by device id (`sim:NAME`), so that the code that configures a station's scale
 * and the code that plays the demo (or an e2e test) reach the same instance.
 */
export const simulatedScales = {
  byId: new Map<string, SimulatedScale>(),

  /** The simulated scale with this id, made on first use. `desk` and `sim:desk` are the same scale. */
  get(id: string, options?: SimulatedScaleOptions): SimulatedScale {
    const device = id.startsWith('sim:') ? id : `sim:${id}`;
    let scale = this.byId.get(device);
    if (!scale) this.byId.set(device, (scale = new SimulatedScale(device, options)));
    return scale;
  },

  list(): SimulatedScale[] {
    return [...this.byId.values()];
  },

  forget(scale: SimulatedScale): void {
    if (this.byId.get(scale.device) === scale) this.byId.delete(scale.device);
  },
};
