import { describe, expect, it } from 'vitest';
import { ScanDetector, type Burst } from './detector';

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
    expect(bursts).toEqual([{ text: 'L-26-R1-000123', terminator: 'enter', maxGapMs: 3 }]);
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
    expect(bursts).toEqual([{ text: 'KK-TEST-CARD', terminator: null, maxGapMs: 2 }]);
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
