import { describe, expect, it } from 'vitest';
import { diagnose, testCardCode } from './diagnose';

const burst = (text: string, terminator: 'enter' | 'tab' | null = 'enter') => ({ text, terminator, maxGapMs: 2, at: 0 });

describe('scanner test card', () => {
  it('passes a scanner set up right', () => {
    expect(diagnose(burst(testCardCode))).toEqual({ result: 'ok' });
  });
  it('tells a missing Enter suffix and a Tab suffix apart', () => {
    expect(diagnose(burst(testCardCode, null))).toEqual({ result: 'noEnter' });
    expect(diagnose(burst(testCardCode, 'tab'))).toEqual({ result: 'tab' });
  });
  it('recognises Caps Lock', () => {
    expect(diagnose(burst('kk-tEST-qazwy-19/'))).toEqual({ result: 'capsLock' });
  });
  it('recognises a scanner typing for a French (AZERTY) keyboard', () => {
    // On AZERTY, the scanner's Q arrives as A, Z as W, and digits as their unshifted symbols.
    expect(diagnose(burst('KK)Test)AQWZY)&ç!'))).toMatchObject({ result: 'layout', layout: 'azerty' });
  });
  it('recognises a German (QWERTZ) layout', () => {
    expect(diagnose(burst('KK-Test-QAYWZ-19/'))).toMatchObject({ result: 'layout', layout: 'qwertz' });
  });
  it('reports anything else as a layout mismatch with what arrived', () => {
    expect(diagnose(burst('garbage'))).toEqual({ result: 'layout', layout: 'other', got: 'garbage' });
  });
});
