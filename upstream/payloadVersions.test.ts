import { describe, expect, it } from 'vitest';
import { qcMeasured } from '../core/qc/events';
import type { EventDefinition } from '../core/events/define';
import type { WireEvent } from '../core/sync/protocol';
import { formRefusal } from './authority';

// The upstream reads a pushed payload at the version it says, as a station does: a station that
// recorded a reading before QC readings had a version 2, and one after, are both taken; a version
// it does not know, or a field that version does not have, is refused with its reason.

const reading = { inspectionId: 'insp-1', lotId: 'L-26-R1-000001', entryId: 'entry-1', piece: 3, measure: 'weight', value: 9.9, outOfTolerance: null };
const spec = { target: 10.2, tolerance: 0.31 };
const pushed = (payload: Record<string, unknown>): WireEvent => ({ id: 'ev-1', station: 'R1', seq: 1, type: 'qc.measured', lotId: 'L-26-R1-000001', payload, userId: 'u-1', at: '2026-12-01T06:00:00.000Z' });
const refusal = (payload: Record<string, unknown>) => formRefusal(pushed(payload), qcMeasured as unknown as EventDefinition<unknown>)?.code ?? null;

describe('a pushed QC reading', () => {
  it('is taken at version 1, with or without the figure, and at version 2', () => {
    expect([refusal(reading), refusal({ ...reading, spec }), refusal({ v: 2, ...reading, spec }), refusal({ v: 2, ...reading, spec: null })]).toEqual([null, null, null, null]);
  });

  it('is refused at a version the upstream does not know or does not say rightly, or with a field its version does not have', () => {
    expect([refusal({ v: 3, ...reading, spec }), refusal({ v: 1, ...reading }), refusal({ ...reading, spec: null })]).toEqual(['api.invalidInput', 'api.invalidInput', 'api.invalidInput']);
    expect(refusal({ v: 2, ...reading, spec, by: 'someone' })).toBe('sync.unknownKeys');
    expect(refusal({ ...reading, spec: { ...spec, bias: 1 } })).toBe('sync.unknownKeys');
  });
});
