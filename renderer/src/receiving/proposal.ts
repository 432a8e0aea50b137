import { proposeCount } from '../../../core/receiving/countByWeight';

// The count the screen proposes from a net weight: the design's unit weight, or the one a sample taught.
export function proposal(netG: number | null, unitWeightG: number, tolerancePct: number) {
  if (netG === null || netG <= 0) return null;
  return proposeCount(netG, unitWeightG, tolerancePct);
}
