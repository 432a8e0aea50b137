import { describe, expect, it } from 'vitest';
import { generateInstance } from './generate';
import { parseInstance } from './index';

// Bad instances are refused with an error that names the lot or line, never half-read.

const good = () => JSON.parse(JSON.stringify(generateInstance({ lots: 5, seed: 1 }))) as ReturnType<typeof generateInstance> & Record<string, unknown>;

function refused(change: (json: ReturnType<typeof good>) => void) {
  const json = good();
  change(json);
  try {
    parseInstance(json);
  } catch (error) {
    return error as { code: string; params: Record<string, unknown>; message: string };
  }
  throw new Error('the instance was accepted');
}

describe('reading a plating instance', () => {
  it('accepts a well-formed instance', () => {
    expect(parseInstance(good()).lots).toHaveLength(5);
  });

  it('refuses unknown fields, naming the lot', () => {
    const error = refused((json) => Object.assign(json.lots[2]!, { colour: 'red' }));
    expect(error).toMatchObject({ code: 'plating.schedule.instance.unknownField', params: { where: 'lots[2] (LOT-00003)', field: 'colour' } });
  });

  it('refuses wrong units: zero or negative capacity, an area that is not a number, fractional pieces', () => {
    expect(refused((json) => (json.lines[1]!.capacityDm2 = 0))).toMatchObject({ code: 'plating.schedule.instance.outOfRange', params: { where: 'lines[1] (L2).capacityDm2' } });
    expect(refused((json) => (json.lines[0]!.maxPieces = -5))).toMatchObject({ params: { where: 'lines[0] (L1).maxPieces' } });
    expect(refused((json) => ((json.lots[0] as Record<string, unknown>).areaDm2PerPiece = '12 cm2'))).toMatchObject({
      code: 'plating.schedule.instance.wrongType',
      params: { where: 'lots[0] (LOT-00001).areaDm2PerPiece', expected: 'number' },
    });
    expect(refused((json) => (json.lots[4]!.pieces = 2.5))).toMatchObject({ params: { where: 'lots[4] (LOT-00005).pieces' } });
  });

  it('refuses times that are not ISO times with a zone, and another format version', () => {
    expect(refused((json) => (json.lots[1]!.dueAt = '2026-12-01 17:00'))).toMatchObject({ code: 'plating.schedule.instance.badFormat', params: { where: 'lots[1] (LOT-00002).dueAt' } });
    expect(refused((json) => (json.lots[1]!.readyAt = '2026-12-01T17:00:00'))).toMatchObject({ code: 'plating.schedule.instance.badFormat' });
    expect(refused((json) => (json.calendar.shifts[0]!.end = '25:00'))).toMatchObject({ code: 'plating.schedule.instance.badFormat', params: { where: 'calendar.shifts[0].end', format: 'HH:MM' } });
    expect(refused((json) => ((json as Record<string, unknown>).version = 2))).toMatchObject({ code: 'plating.schedule.instance.badValue', params: { where: 'version' } });
  });

  it('refuses duplicate ids', () => {
    expect(refused((json) => (json.lots[3]!.id = json.lots[0]!.id))).toMatchObject({ code: 'plating.schedule.lot.duplicate', params: { lot: 'LOT-00001' } });
    expect(refused((json) => (json.lines[2]!.id = 'L1'))).toMatchObject({ code: 'plating.schedule.line.duplicate', params: { line: 'L1' } });
  });

  it('refuses a lot whose finish no line runs', () => {
    expect(refused((json) => (json.lots[2]!.finish = 'vermeil-2.5'))).toMatchObject({ code: 'plating.schedule.lot.noLine', params: { lot: 'LOT-00003', finish: 'vermeil-2.5' } });
  });

  it('refuses a lot whose single piece is larger than every rack that runs its finish', () => {
    // 150 dm² per piece: an area given in cm² instead of dm².
    const error = refused((json) => (json.lots[1]!.areaDm2PerPiece = 150));
    expect(error).toMatchObject({ code: 'plating.schedule.lot.pieceTooLarge', params: { lot: 'LOT-00002', area: 150 } });
    expect(error.message).toContain('LOT-00002');
  });

  it('refuses a line without a cycle time for a finish it lists, or with one for a finish it does not', () => {
    expect(refused((json) => delete json.lines[0]!.cycleMinutes[json.lines[0]!.finishes[0]!])).toMatchObject({ code: 'plating.schedule.line.noCycle', params: { line: 'L1' } });
    expect(refused((json) => (json.lines[0]!.cycleMinutes['gold-9.9'] = 20))).toMatchObject({ code: 'plating.schedule.line.cycleUnknownFinish', params: { line: 'L1', finish: 'gold-9.9' } });
    expect(refused((json) => (json.lines[3]!.changeoverMinutes['gold-1.0'] = 20))).toMatchObject({ code: 'plating.schedule.line.badChangeover', params: { line: 'L4', key: 'gold-1.0' } });
    expect(refused((json) => delete json.lines[3]!.changeoverMinutes.default)).toMatchObject({ params: { where: 'lines[3] (L4).changeoverMinutes' } });
  });

  it('refuses malformed calendars: overlapping shifts, an empty shift, an unknown zone, a cycle longer than any shift', () => {
    expect(refused((json) => json.calendar.shifts.push({ weekdays: [3], start: '12:00', end: '16:00' }))).toMatchObject({ code: 'plating.schedule.calendar.overlap', params: { first: 1, second: 4 } });
    // An overnight shift from 22:00 runs into the next morning's 07:00 shift when it ends at 08:00.
    expect(refused((json) => json.calendar.shifts.push({ weekdays: [2], start: '23:30', end: '08:00' }))).toMatchObject({ code: 'plating.schedule.calendar.overlap' });
    expect(refused((json) => json.calendar.shifts.push({ weekdays: [7], start: '10:00', end: '10:00' }))).toMatchObject({ code: 'plating.schedule.calendar.emptyShift', params: { shift: 4 } });
    expect(refused((json) => (json.calendar.timeZone = 'Africa/Mombasa'))).toMatchObject({ code: 'plating.schedule.calendar.timeZone' });
    expect(refused((json) => (json.calendar.closed = ['2026-02-30']))).toMatchObject({ code: 'plating.schedule.instance.badFormat' });
    expect(refused((json) => (json.lines[4]!.cycleMinutes[json.lines[4]!.finishes[0]!] = 9 * 60))).toMatchObject({ code: 'plating.schedule.line.cycleTooLong', params: { line: 'L5' } });
  });

  it('accepts an overnight shift (end before start runs into the next day)', () => {
    const json = good();
    json.calendar.shifts = [{ weekdays: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' }];
    expect(parseInstance(json).calendar.shifts).toHaveLength(1);
  });
});
