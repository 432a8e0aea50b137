import { describe, expect, it } from 'vitest';
import { learnUnitWeight, proposeCount } from './countByWeight';

describe('counting pieces by weight', () => {
  it('is sure of a bag of 40 cuffs that weighs what 40 should', () => {
    expect(proposeCount(1522, 38, 4)).toMatchObject({ count: 40, confidence: 'sure' });
  });

  it('asks to check a bag whose weight sits between two counts', () => {
    // 40.5 cuffs' worth: neither 40 nor 41 fits well.
    expect(proposeCount(38 * 40.5, 38, 4).confidence).not.toBe('sure');
  });

  it('asks to check a bag whose neighbouring counts are between three and six of its deviations apart', () => {
    // By hand: a cuff's ±4 % is two deviations, so one cuff varies 38 × 0.04 / 2 = 0.76 g; a bag of
    // 160 varies 0.76 × √160 = 0.76 × 12.65 = 9.61 g. 159, 160 and 161 cuffs are 38 g apart, that is
    // 38 / 9.61 = 3.95 of the bag's deviations: fewer than the 6 that make a count sure, more than
    // the 3 below which only a hand count will do. The bag weighs exactly 160 × 38 = 6080 g.
    expect(proposeCount(6080, 38, 4)).toMatchObject({ count: 160, confidence: 'check' });
    // 300 cuffs: 0.76 × √300 = 13.16 g, and 38 / 13.16 = 2.89 deviations, under 3.
    expect(proposeCount(300 * 38, 38, 4)).toMatchObject({ count: 300, confidence: 'handCount' });
  });

  it('asks for a hand count when the bag is too big for the tolerance to tell n from n+1', () => {
    // Horn earrings vary 10% a piece: 400 of them blur into their neighbours.
    expect(proposeCount(5.5 * 400, 5.5, 10)).toMatchObject({ count: 400, confidence: 'handCount' });
  });

  it('asks for a hand count when the bag is lighter than one piece', () => {
    expect(proposeCount(10, 38, 4)).toMatchObject({ count: 0, confidence: 'handCount' });
  });

  it("learns a lot's own unit weight from a counted sample", () => {
    const unit = learnUnitWeight(126.4, 20);
    expect(unit).toBeCloseTo(6.32, 2);
    expect(proposeCount(unit * 180, unit, 5)).toMatchObject({ count: 180 });
    expect(() => learnUnitWeight(10, 0)).toThrow();
  });
});
