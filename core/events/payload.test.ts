import { describe, expect, it } from 'vitest';
import { qcDefectLogged, qcMeasured } from '../qc/events';
import { readPayload, storedPayload } from './payload';

// A payload's version is told by its `v` (absent: the first); each is read by its own version's
// shape and brought up to the current one, which is what record() writes.

const reading = { inspectionId: 'insp-1', lotId: 'L-26-R1-000001', entryId: 'entry-1', piece: 3, measure: 'weight', value: 9.9, outOfTolerance: null };
const spec = { target: 10.2, tolerance: 0.31 };

describe('a QC reading stored at each version', () => {
  it('of version 1 without the figure reads with no figure, and with it, with it', () => {
    expect(readPayload(qcMeasured, reading)?.payload).toEqual({ ...reading, spec: null });
    expect(readPayload(qcMeasured, { ...reading, spec })?.payload).toEqual({ ...reading, spec });
  });

  it('of version 2 reads as stored, and is what a new reading is stored as', () => {
    expect(readPayload(qcMeasured, { v: 2, ...reading, spec })?.payload).toEqual({ ...reading, spec });
    expect(storedPayload(qcMeasured, { ...reading, measure: 'weight', spec })).toEqual({ v: 2, ...reading, spec });
  });

  it('is not read at a version it does not say rightly, nor one this Karakana does not know yet', () => {
    for (const v of [1, 3, 0, '2', 2.5]) expect(readPayload(qcMeasured, { v, ...reading, spec })).toBeNull();
    expect(readPayload(qcMeasured, { v: 2, ...reading })).toBeNull();
  });
});

describe('a logged defect of version 1', () => {
  it('reads with the names it carried, or none', () => {
    const defect = { inspectionId: 'insp-1', lotId: 'L-26-R1-000001', entryId: 'entry-2', piece: 2, code: 'porosity', class: 'major' };
    const name = { en: 'Casting porosity', sw: 'Matundu ya kutupwa' };
    expect(readPayload(qcDefectLogged, defect)?.payload).toEqual({ ...defect, name: null });
    expect(readPayload(qcDefectLogged, { ...defect, name })?.payload).toEqual({ ...defect, name });
  });
});
