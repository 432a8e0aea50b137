import { describe, expect, it } from 'vitest';
import { benchKey } from './benchKeys';

// The QC bench's key map, against a table written from the bench's hints (qc.keys): Space good and
// on, arrows and PgUp/PgDn/Home/End between pieces, a defect's key, Delete, Esc; held keys repeat
// only moves; nothing with Alt, Ctrl or Meta, nothing but Esc in a field, only Esc while sorting.

const card = (code: string, key: string) => ({ code, key, material: 'brass', class: 'major' as const, nameEn: code, nameSw: code, active: true });
const bench = (piece: number) => ({ piece, sampleSize: 5, sorting: false, catalogue: [card('porosity', 'p'), card('scratch', '7')] });
const press = (key: string, more: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; repeat: boolean }> = {}) => ({ key, altKey: false, ctrlKey: false, metaKey: false, repeat: false, ...more });

describe('the QC bench key map', () => {
  it.each([
    [' ', 2, { does: 'good', then: 3 }],
    [' ', 5, { does: 'good', then: 5 }],
    ['ArrowRight', 2, { does: 'move', to: 3 }],
    ['PageDown', 5, { does: 'move', to: 5 }],
    ['ArrowLeft', 2, { does: 'move', to: 1 }],
    ['PageUp', 1, { does: 'move', to: 1 }],
    ['Home', 4, { does: 'move', to: 1 }],
    ['End', 2, { does: 'move', to: 5 }],
    ['Delete', 3, { does: 'takeBack' }],
    ['p', 3, { does: 'defect', code: 'porosity' }],
    ['P', 3, { does: 'defect', code: 'porosity' }],
    ['7', 3, { does: 'defect', code: 'scratch' }],
    ['Escape', 3, { does: 'leaveLot' }],
    ['x', 3, null],
    ['Enter', 3, null],
  ])('%j on piece %i of 5', (key, piece, does) => {
    expect(benchKey(press(key), false, bench(piece))).toEqual(does);
  });

  it('repeats a held arrow, never a held entry', () => {
    expect(benchKey(press('ArrowRight', { repeat: true }), false, bench(2))).toEqual({ does: 'move', to: 3 });
    for (const key of [' ', 'p', 'Delete', 'End']) expect(benchKey(press(key, { repeat: true }), false, bench(2))).toEqual({ does: 'nothing' });
  });

  it('leaves keys with Alt, Ctrl or Meta to the page', () => {
    for (const more of [{ altKey: true }, { ctrlKey: true }, { metaKey: true }]) expect(benchKey(press('p', more), false, bench(2))).toBeNull();
  });

  it('in a field takes only Esc, which leaves the field', () => {
    expect(benchKey(press('Escape'), true, bench(2))).toEqual({ does: 'leaveField' });
    for (const key of ['p', ' ', 'Delete', 'ArrowRight']) expect(benchKey(press(key), true, bench(2))).toBeNull();
  });

  it('while a rejected lot is being sorted takes only Esc', () => {
    const sorting = { ...bench(2), sorting: true };
    expect(benchKey(press('Escape'), false, sorting)).toEqual({ does: 'leaveLot' });
    for (const key of ['p', ' ', 'Delete', 'ArrowRight', 'End']) expect(benchKey(press(key), false, sorting)).toBeNull();
  });
});
