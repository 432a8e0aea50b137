// Counting pieces by weight. A design gives its unit weight and a tolerance per piece; we take the
// tolerance as two standard deviations of one piece, so the spread of a bag of n pieces grows
// with √n. The proposal is sure when the bag's weight sits close to a whole count and the bag is
// small enough that n and n±1 cannot be mistaken for each other; otherwise it asks a person.

export type Confidence = 'sure' | 'check' | 'handCount';

export interface CountProposal {
  count: number;
  confidence: Confidence;
  /** How far the weight is from the proposed count, in standard deviations of the bag. */
  deviation: number;
  /** The weight range (g) the proposed count would normally weigh. */
  expectedG: [number, number];
}

export function proposeCount(netG: number, unitWeightG: number, tolerancePct: number): CountProposal {
  const count = Math.round(netG / unitWeightG);
  const pieceSd = Math.max((unitWeightG * tolerancePct) / 100 / 2, unitWeightG * 0.001);
  const bagSd = pieceSd * Math.sqrt(Math.max(count, 1));
  const deviation = Math.abs(netG - count * unitWeightG) / bagSd;
  const expectedG: [number, number] = [round1(count * unitWeightG - 2 * bagSd), round1(count * unitWeightG + 2 * bagSd)];
  if (count < 1 || !Number.isFinite(deviation)) return { count: Math.max(count, 0), confidence: 'handCount', deviation, expectedG };
  // Neighbouring counts are unitWeight apart: six of the bag's deviations apart they cannot be
  // mistaken; three apart a person should glance at the bag; closer, only a hand count will do.
  const confidence: Confidence =
    deviation <= 2 && unitWeightG >= 6 * bagSd ? 'sure' : deviation <= 1.5 && unitWeightG >= 3 * bagSd ? 'check' : 'handCount';
  return { count, confidence, deviation: round1(deviation), expectedG };
}

/** Sample weighing: n counted pieces weighed give this lot's own unit weight. */
export function learnUnitWeight(sampleNetG: number, samplePieces: number): number {
  if (samplePieces < 1 || sampleNetG <= 0) throw new RangeError('a sample needs pieces and weight');
  return sampleNetG / samplePieces;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
