import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors';
import { nextStableReading } from './nextStableReading';
import { openScale } from './openScale';
import { simulatedScales, SimulatedScale } from './simulatedScale';
import type { ScaleReading } from './types';

const fast = { intervalMs: 5, motionReports: 4 };
const open: SimulatedScale[] = [];
function scale(id: string): SimulatedScale {
  const s = simulatedScales.get(id, fast);
  open.push(s);
  return s;
}

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

describe('simulated scale', () => {
  it('a load goes through motion, then settles to the weight', async () => {
    const sim = scale('desk-a');
    const seen: ScaleReading[] = [];
    sim.on('reading', (r) => seen.push(r));
    sim.set(1234.5);
    const reading = await nextStableReading(sim, { acceptZero: false });
    expect(reading).toMatchObject({ grams: 1234.5, status: 'stable', stable: true, device: 'sim:desk-a', reported: { value: 1234.5, unit: 'g' } });
    expect(seen.some((r) => r.status === 'motion')).toBe(true);
  });

  it('tare makes the next weight net of the tray; zero clears it', async () => {
    const sim = scale('desk-b');
    sim.set(150); // the tray
    await nextStableReading(sim, { acceptZero: false });
    await sim.tare();
    sim.set(150 + 820.4, { motionReports: 2 }); // tray plus pieces
    expect((await nextStableReading(sim, { acceptZero: false })).grams).toBe(820.4);
    sim.set(0);
    await sim.zero();
    sim.set(25);
    expect((await nextStableReading(sim, { acceptZero: false })).grams).toBe(25);
  });

  it('taking the tray off after a tare reads under zero', async () => {
    const sim = scale('desk-c');
    sim.set(150);
    await nextStableReading(sim, { acceptZero: false });
    await sim.tare();
    sim.set(0);
    await expect(nextStableReading(sim)).rejects.toMatchObject({ code: 'scale.underZero' });
  });

  it('reports in another unit and is converted back to grams', async () => {
    const sim = scale('desk-d');
    sim.setUnit('ct');
    sim.set(123.45);
    expect(await nextStableReading(sim, { acceptZero: false })).toMatchObject({ grams: 123.45, reported: { value: 617.25, unit: 'ct' } });
    expect(() => sim.setUnit('tl')).toThrow(AppError);
  });

  it('over capacity is an overload', async () => {
    const sim = simulatedScales.get('desk-e', { ...fast, capacityGrams: 1000 });
    open.push(sim);
    sim.set(1500);
    await expect(nextStableReading(sim)).rejects.toMatchObject({ code: 'scale.overload' });
  });

  it('unplugged mid-weigh: the reading is discarded; plugged back, it weighs again', async () => {
    const sim = scale('desk-f');
    const states: string[] = [];
    sim.on('state', (s) => states.push(s));
    sim.set(500, { motionReports: 1000 }); // never settles before the cable goes
    const weighing = nextStableReading(sim);
    setTimeout(() => sim.unplug(), 20);
    await expect(weighing).rejects.toMatchObject({ code: 'scale.unplugged' });
    expect(sim.last).toBeNull();
    sim.plug();
    sim.set(500, { motionReports: 2 });
    expect((await nextStableReading(sim)).grams).toBe(500);
    expect(states).toEqual(['disconnected', 'connected']);
  });

  it('fault, calibration and silence are refused', async () => {
    const sim = simulatedScales.get('desk-g', { ...fast, silenceMs: 100 });
    open.push(sim);
    sim.setTrouble('fault');
    await expect(nextStableReading(sim)).rejects.toMatchObject({ code: 'scale.fault' });
    sim.setTrouble('calibrate');
    await expect(nextStableReading(sim)).rejects.toMatchObject({ code: 'scale.needsCalibration' });
    sim.setTrouble('silent');
    await expect(nextStableReading(sim)).rejects.toMatchObject({ code: 'scale.silent' });
    sim.setTrouble(null);
    sim.set(10, { motionReports: 0 });
    expect((await nextStableReading(sim)).grams).toBe(10);
  });

  it('the registry hands every caller the same scale by id, and forgets it when closed', async () => {
    const sim = scale('desk-h');
    expect(simulatedScales.get('sim:desk-h')).toBe(sim);
    expect(await openScale({ device: 'sim:desk-h' })).toBe(sim);
    await sim.close();
    expect(sim.state).toBe('closed');
    const fresh = scale('desk-h');
    expect(fresh).not.toBe(sim);
  });

  it('refuses a load that is not a number', () => {
    expect(() => scale('desk-i').set(Number.NaN)).toThrow(RangeError);
  });
});
