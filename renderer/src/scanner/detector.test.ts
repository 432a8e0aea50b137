import { describe, expect, it } from 'vitest';
import { defaultDetectorOptions, ScanDetector, type Burst, type Place } from './detector';

function harness() {
  const bursts: Burst[] = [];
  const typed: string[] = [];
  const detector = new ScanDetector({ burst: (b) => bursts.push(b), typed: (t) => typed.push(t) });
  /** Types text starting at t0 with `gap` ms between keys; returns the time of the last key. */
  const type = (text: string, t0: number, gap: number) => {
    [...text].forEach((c, i) => detector.character(c, t0 + i * gap));
    return t0 + (text.length - 1) * gap;
  };
  return { detector, bursts, typed, type };
}

describe('scanner detector', () => {
  it('takes a fast burst ended by Enter as one scan', () => {
    const { detector, bursts, typed, type } = harness();
    const last = type('L-26-R1-000123', 0, 3);
    expect(detector.terminator('enter', last + 3)).toBe(true);
    // Its time is its Enter's, by the keys' own clock (a double read is judged by it, not by when it was handled).
    expect(bursts).toEqual([{ text: 'L-26-R1-000123', terminator: 'enter', maxGapMs: 3, at: 42 }]);
    expect(typed).toEqual([]);
  });

  it('keeps thirty scans a second apart, none lost or merged', () => {
    const { detector, bursts, type } = harness();
    const codes = Array.from({ length: 300 }, (_, i) => `L-26-R1-${String(i).padStart(6, '0')}`);
    codes.forEach((code, i) => {
      const last = type(code, i * 33, 1);
      expect(detector.terminator('enter', last + 1)).toBe(true);
    });
    expect(bursts.map((b) => b.text)).toEqual(codes);
  });

  it("hands a person's slow typing back as typed text, and lets their Enter through", () => {
    const { detector, bursts, typed, type } = harness();
    const last = type('L-26', 0, 150);
    expect(detector.terminator('enter', last + 200)).toBe(false);
    expect(bursts).toEqual([]);
    expect(typed.join('')).toBe('L-26');
  });

  it('reports a burst that ends without Enter (a scanner with the wrong suffix) instead of typing it', () => {
    const { detector, bursts, typed, type } = harness();
    const last = type('KK-TEST-CARD', 0, 2);
    detector.idle(last + 200);
    expect(bursts).toEqual([{ text: 'KK-TEST-CARD', terminator: null, maxGapMs: 2, at: 22 }]);
    expect(typed).toEqual([]);
  });

  it('tells a Tab suffix from an Enter suffix', () => {
    const { detector, bursts, type } = harness();
    const last = type('KK-TEST-CARD', 0, 2);
    expect(detector.terminator('tab', last + 2)).toBe(true);
    expect(bursts[0]?.terminator).toBe('tab');
  });

  it('keeps a scan whole when a busy PC delivers one of its keys late', () => {
    const { detector, bursts, typed } = harness();
    detector.character('X', 0);
    [...'Q-NOT-A-LOT-77'].forEach((c, i) => detector.character(c, 90 + i * 2));
    expect(detector.terminator('enter', 90 + 14 * 2)).toBe(true);
    expect(bursts.map((b) => b.text)).toEqual(['XQ-NOT-A-LOT-77']);
    expect(typed).toEqual([]);
  });

  it("hands a person's fast typing on before a scan that follows it at once", () => {
    const { detector, bursts, typed } = harness();
    detector.character('W', 0);
    detector.character('a', 100);
    [...'L-26-R1-000012'].forEach((c, i) => detector.character(c, 180 + i * 2));
    expect(detector.terminator('enter', 180 + 14 * 2)).toBe(true);
    expect(typed).toEqual(['Wa']);
    expect(bursts.map((b) => b.text)).toEqual(['L-26-R1-000012']);
  });

  it("does not take a fast typist's word and Enter for a scan", () => {
    const { detector, bursts, typed } = harness();
    [...'ring'].forEach((c, i) => detector.character(c, i * 70));
    expect(detector.terminator('enter', 3 * 70 + 70)).toBe(false);
    expect(bursts).toEqual([]);
    expect(typed.join('')).toBe('ring');
  });

  it('does not take two quick keys of a person for a scan', () => {
    const { detector, bursts, typed, type } = harness();
    const last = type('ab', 0, 10);
    expect(detector.terminator('enter', last + 10)).toBe(false);
    expect(bursts).toEqual([]);
    expect(typed).toEqual(['ab']);
  });

  it('settles held keys before an arrow or Backspace so editing order is kept', () => {
    const { detector, typed, type } = harness();
    type('x', 0, 1);
    detector.otherKey();
    expect(typed).toEqual(['x']);
    expect(detector.holding).toBe(false);
  });
});

// Key timings as recorded at a desk: each key with the ms since the key before it. 'Shift' is the
// Shift a capital needs (a scanner presses it too, per capital), 'Enter' the key that ends a line.
type Recording = [key: string, ms: number][];

/** Plays a recording where the focus is; returns what became scans, what was typed, and whether the Enter was swallowed. */
function play(recording: Recording, place: Place) {
  const bursts: Burst[] = [];
  const typed: string[] = [];
  const detector = new ScanDetector({ burst: (b) => bursts.push(b), typed: (t) => typed.push(t) }, defaultDetectorOptions, () => place);
  let t = 1000;
  let enterSwallowed: boolean | null = null;
  for (const [key, ms] of recording) {
    t += ms;
    if (key === 'Shift') detector.shift(t);
    else if (key === 'Enter') enterSwallowed = detector.terminator('enter', t);
    else detector.character(key, t);
  }
  detector.idle(t + 1000);
  return { scans: bursts.map((b) => `${b.text} ${b.terminator}`), typed: typed.join(''), enterSwallowed };
}

const typist = {
  weight: [['2', 0], ['6', 42], ['7', 23], ['.', 55], ['3', 38], ['Enter', 47]],
  evenWeight: [['2', 0], ['6', 35], ['7', 35], ['.', 35], ['3', 35], ['Enter', 35]],
  count: [['1', 0], ['2', 36], ['0', 28], ['4', 21], ['Enter', 40]],
  lotByHand: [
    ['Shift', 0], ['L', 30], ['-', 52], ['2', 45], ['6', 24], ['-', 58], ['Shift', 40], ['R', 27], ['1', 44], ['-', 50],
    ['0', 38], ['0', 22], ['0', 35], ['0', 30], ['4', 41], ['5', 36], ['Enter', 44],
  ],
  defectByHand: [['r', 0], ['i', 37], ['n', 25], ['g', 60], ['Enter', 39]],
} satisfies Record<string, Recording>;

const scanner = {
  lot: [...'L-26-R1-000045'].map((c, i): [string, number] => [c, [3, 1, 12, 0, 4, 15, 2][i % 7]!]).concat([['Enter', 5]]),
  lotWithShift: [
    ['Shift', 0], ['L', 2], ['-', 4], ['2', 3], ['6', 1], ['-', 5], ['Shift', 8], ['R', 3], ['1', 6], ['-', 2],
    ['0', 0], ['0', 12], ['0', 3], ['0', 4], ['4', 15], ['5', 2], ['Enter', 6],
  ],
  notice: [['D', 0], ['N', 4], ['-', 3], ['2', 11], ['6', 2], ['-', 0], ['0', 5], ['0', 3], ['0', 14], ['1', 2], ['0', 6], ['8', 3], ['Enter', 9]],
  noticeWithShift: [
    ['Shift', 0], ['D', 3], ['Shift', 7], ['N', 2], ['-', 10], ['2', 3], ['6', 4], ['-', 1], ['0', 15], ['0', 2], ['0', 3], ['1', 0], ['0', 8], ['8', 2], ['Enter', 4],
  ],
  traveller: [['P', 0], ['B', 2], ['-', 2], ['R', 13], ['1', 2], ['-', 2], ['3', 3], ['-', 7], ['0', 2], ['0', 2], ['2', 5], ['Enter', 2]],
  travellerWithShift: [
    ['Shift', 0], ['P', 1], ['Shift', 9], ['B', 3], ['-', 2], ['Shift', 14], ['R', 2], ['1', 3], ['-', 11], ['3', 2], ['-', 4], ['0', 6], ['0', 0], ['2', 3], ['Enter', 7],
  ],
} satisfies Record<string, Recording>;

describe("scanner or person, from recorded timings", () => {
  it.each([
    ['a weight, 23-55 ms a key', typist.weight, '267.3'],
    ['a weight, evenly 35 ms a key', typist.evenWeight, '267.3'],
    ['a count with a quick pair at 21 and 28 ms', typist.count, '1204'],
    ['a lot id typed by hand, Shift for the capitals', typist.lotByHand, 'L-26-R1-000045'],
    ['a word that is also a shape of code', typist.defectByHand, 'ring'],
  ])("a fast typist's %s stays typed in a typing field, and the Enter is the field's", (_, recording, text) => {
    expect(play(recording, 'typing')).toEqual({ scans: [], typed: text, enterSwallowed: false });
  });

  it.each([
    ['a lot id', scanner.lot, 'L-26-R1-000045'],
    ['a lot id, Shift per capital', scanner.lotWithShift, 'L-26-R1-000045'],
    ['a notice code', scanner.notice, 'DN-26-000108'],
    ['a notice code, Shift per capital', scanner.noticeWithShift, 'DN-26-000108'],
    ['a traveller', scanner.traveller, 'PB-R1-3-002'],
    ['a traveller, Shift per capital', scanner.travellerWithShift, 'PB-R1-3-002'],
  ])("a scanner's %s at 0-15 ms a key is a scan, in a typing field and on the page", (_, recording, code) => {
    const scan = { scans: [`${code} enter`], typed: '', enterSwallowed: true };
    expect(play(recording, 'typing')).toEqual(scan);
    expect(play(recording, 'page')).toEqual(scan);
  });

  it('takes a number sent at scanner speed into a typing field as typed: 267.3 is no code', () => {
    const fast: Recording = [['2', 0], ['6', 3], ['7', 2], ['.', 4], ['3', 2], ['Enter', 3]];
    expect(play(fast, 'typing')).toEqual({ scans: [], typed: '267.3', enterSwallowed: false });
  });

  it('in a typing field, a lot id with one gap no scanner makes (25 ms) is typed, where the page still takes it for a scan', () => {
    const late: Recording = scanner.lot.map(([key, ms], i): [string, number] => [key, i === 8 ? 25 : ms]);
    expect(play(late, 'typing')).toEqual({ scans: [], typed: 'L-26-R1-000045', enterSwallowed: false });
    expect(play(late, 'page')).toEqual({ scans: ['L-26-R1-000045 enter'], typed: '', enterSwallowed: true });
  });

  it("in a typing field, a person's text typed just before a scan stays typed and the scan is a scan", () => {
    const both: Recording = [['4', 0], ['2', 45], ...scanner.lot.map(([key, ms], i): [string, number] => [key, i === 0 ? 40 : ms])];
    expect(play(both, 'typing')).toEqual({ scans: ['L-26-R1-000045 enter'], typed: '42', enterSwallowed: true });
  });
});
