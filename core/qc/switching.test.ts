import { describe, expect, it } from 'vitest';
import { AppError } from '../kernel/errors';
import { approveReduced, initialSwitching, inspectionFor, recordLot, reducedEligible, restartAfterSupport, type LotResult, type SwitchingState } from './switching';

// The switching rules played through scripted sequences of lot results, as an artisan's lots come
// in: A = accepted, R = rejected, G = accepted with a count in the reduced plan's gap.

const accepted: LotResult = { accepted: true, nonconforming: 0, sampleSize: 80, aql: 2.5, inReducedGap: false };
const rejected: LotResult = { accepted: false, nonconforming: 7, sampleSize: 80, aql: 2.5, inReducedGap: false };
const gap: LotResult = { accepted: true, nonconforming: 3, sampleSize: 32, aql: 2.5, inReducedGap: true };

function play(state: SwitchingState, script: string, lot: Partial<LotResult> = {}): SwitchingState {
  for (const step of script.replace(/\s/g, '')) state = recordLot(state, { ...(step === 'A' ? accepted : step === 'R' ? rejected : gap), ...lot });
  return state;
}

/** A pair past its first lots, on normal inspection. */
const onNormal = () => initialSwitching(0);

function modesOf(state: SwitchingState, script: string): string[] {
  const modes: string[] = [];
  for (const step of script) {
    state = play(state, step);
    modes.push(inspectionFor(state));
  }
  return modes;
}

describe('a new artisan or design', () => {
  it('is inspected 100 % for its first lots, then on normal inspection', () => {
    const state = initialSwitching(3);
    expect(inspectionFor(state)).toBe('all');
    expect(modesOf(state, 'AAA')).toEqual(['all', 'all', 'normal']);
  });

  it('counts rejected first lots too, and they do not count toward tightened', () => {
    const afterFirst = play(initialSwitching(3), 'RRR');
    expect(inspectionFor(afterFirst)).toBe('normal');
    expect(inspectionFor(play(afterFirst, 'R'))).toBe('normal');
  });

  it('starts on normal inspection when the setting is 0', () => {
    expect(inspectionFor(initialSwitching(0))).toBe('normal');
  });
});

describe('normal to tightened', () => {
  it('switches when 2 lots of 5 consecutive are rejected', () => {
    expect(modesOf(onNormal(), 'RAAAR')).toEqual(['normal', 'normal', 'normal', 'normal', 'tightened']);
  });

  it('switches on 2 rejections in a row', () => {
    expect(inspectionFor(play(onNormal(), 'AARR'))).toBe('tightened');
  });

  it('stays on normal when the 2 rejections are 6 lots apart', () => {
    expect(modesOf(onNormal(), 'RAAAAR')).toEqual(Array(6).fill('normal'));
  });
});

describe('tightened back to normal', () => {
  const onTightened = () => play(onNormal(), 'RR');

  it('needs 5 consecutive accepted lots', () => {
    expect(modesOf(onTightened(), 'AAAAA')).toEqual(['tightened', 'tightened', 'tightened', 'tightened', 'normal']);
  });

  it('starts counting again after a rejection', () => {
    expect(inspectionFor(play(onTightened(), 'AAAAR AAAA'))).toBe('tightened');
    expect(inspectionFor(play(onTightened(), 'AAAAR AAAAA'))).toBe('normal');
  });

  it('forgets the earlier rejections once back on normal: one more rejection does not tighten again', () => {
    expect(inspectionFor(play(onTightened(), 'AAAAA R'))).toBe('normal');
  });
});

describe('discontinued inspection', () => {
  const onTightened = () => play(onNormal(), 'RR');

  it('stops when the lots rejected during one spell of tightened reach 5, even with acceptances between', () => {
    expect(modesOf(onTightened(), 'RARARARAR')).toEqual([...Array(8).fill('tightened'), 'discontinued']);
  });

  it('does not carry rejections over from an earlier spell of tightened', () => {
    const again = play(onTightened(), 'RRRR AAAAA RR');
    expect(inspectionFor(again)).toBe('tightened');
    expect(inspectionFor(play(again, 'RRRR'))).toBe('tightened');
    expect(inspectionFor(play(again, 'RRRRR'))).toBe('discontinued');
  });

  it('accepts no lot on the plan until support: a lot recorded meanwhile changes nothing', () => {
    const stopped = play(onTightened(), 'RRRRR');
    expect(play(stopped, 'AAAAAA')).toEqual(stopped);
  });

  it('restarts at tightened after the artisan has had support', () => {
    const restarted = restartAfterSupport(play(onTightened(), 'RRRRR'));
    expect(inspectionFor(restarted)).toBe('tightened');
    expect(inspectionFor(play(restarted, 'RRRR'))).toBe('tightened');
    expect(inspectionFor(play(restarted, 'AAAAA'))).toBe('normal');
  });

  it('refuses a restart when inspection is not discontinued', () => {
    expect(() => restartAfterSupport(onNormal())).toThrow(AppError);
    expect(() => restartAfterSupport(play(onNormal(), 'RR'))).toThrowError(expect.objectContaining({ code: 'qc.notDiscontinued' }));
  });
});

describe('normal to reduced', () => {
  it('is eligible after 10 accepted lots on normal with few nonconforming, and a supervisor approves', () => {
    const nine = play(onNormal(), 'AAAAAAAAA');
    expect(reducedEligible(nine)).toBe(false);
    const ten = play(nine, 'A');
    expect(reducedEligible(ten)).toBe(true);
    expect(inspectionFor(ten)).toBe('normal'); // eligible is not switched: it waits for approval
    expect(inspectionFor(approveReduced(ten))).toBe('reduced');
  });

  it('is not eligible when one of the last 10 was rejected', () => {
    expect(reducedEligible(play(onNormal(), 'AAAAA R AAAA'))).toBe(false);
    expect(reducedEligible(play(onNormal(), 'AAAAA R AAAAAAAAAA'))).toBe(true);
  });

  it('is not eligible when the 10 lots together had more nonconforming than the limit number', () => {
    // 10 lots of 80 at AQL 2.5: 800 units, Table VIII limit 14.
    const within = play(onNormal(), 'AAAAAAAAAA', { nonconforming: 1 }); // 10 in all
    expect(reducedEligible(within)).toBe(true);
    const over = play(onNormal(), 'AAAAAAAAAA', { nonconforming: 2 }); // 20 in all
    expect(reducedEligible(over)).toBe(false);
  });

  it('counts more lots where 10 lots are not enough for a limit number (the table\'s *)', () => {
    // Samples of 13 at AQL 1.0: 10 lots make 130 units, "*" in Table VIII; so do 15 (195 units);
    // 16 lots make 208 units, whose limit number is 0.
    const small = { sampleSize: 13, aql: 1.0 };
    expect(reducedEligible(play(onNormal(), 'A'.repeat(10), small))).toBe(false);
    expect(reducedEligible(play(onNormal(), 'A'.repeat(15), small))).toBe(false);
    expect(reducedEligible(play(onNormal(), 'A'.repeat(16), small))).toBe(true);
    expect(reducedEligible(play(play(onNormal(), 'A'.repeat(15), small), 'A', { ...small, nonconforming: 1 }))).toBe(false);
  });

  it('is not eligible while production is not steady', () => {
    const ten = play(onNormal(), 'AAAAAAAAA');
    expect(reducedEligible(recordLot(ten, { ...accepted, productionSteady: false }))).toBe(false);
  });

  it('does not count lots inspected 100 % as a new artisan', () => {
    const state = play(initialSwitching(3), 'AAA AAAAAAA'); // 3 first lots at 100 %, then 7 on normal
    expect(reducedEligible(state)).toBe(false);
    expect(reducedEligible(play(state, 'AAA'))).toBe(true);
  });

  it('refuses the approval when not eligible, changing nothing', () => {
    const state = play(onNormal(), 'AAAA');
    expect(() => approveReduced(state)).toThrowError(expect.objectContaining({ code: 'qc.reducedNotEligible' }));
    expect(inspectionFor(state)).toBe('normal');
    expect(() => approveReduced(play(onNormal(), 'RR'))).toThrow(AppError);
  });
});

describe('reduced back to normal', () => {
  const onReduced = () => approveReduced(play(onNormal(), 'AAAAAAAAAA'));

  it('stays on reduced while lots are accepted within Ac', () => {
    expect(modesOf(onReduced(), 'AAAAA')).toEqual(Array(5).fill('reduced'));
  });

  it('returns to normal on a rejected lot', () => {
    expect(inspectionFor(play(onReduced(), 'AAR'))).toBe('normal');
  });

  it('returns to normal on an accepted lot whose count fell in the gap between Ac and Re', () => {
    expect(inspectionFor(play(onReduced(), 'AG'))).toBe('normal');
  });

  it('returns to normal when production is not steady', () => {
    expect(inspectionFor(recordLot(onReduced(), { ...accepted, productionSteady: false }))).toBe('normal');
  });

  it('needs 10 more accepted lots on normal before reduced is eligible again', () => {
    const back = play(onReduced(), 'R');
    expect(reducedEligible(play(back, 'AAAAAAAAA'))).toBe(false);
    expect(reducedEligible(play(back, 'AAAAAAAAAA'))).toBe(true);
  });
});

describe('the state', () => {
  it('survives being stored as JSON', () => {
    const state = play(initialSwitching(2), 'AA AAAAA R AAA');
    const stored = JSON.parse(JSON.stringify(state)) as SwitchingState;
    expect(stored).toEqual(state);
    expect(play(stored, 'RAR')).toEqual(play(state, 'RAR'));
  });
});
