import { describe, expect, it } from 'vitest';
import { lotStates, type Lot, type LotState } from '../db/schema';
import { lotMoved } from './events';

// Every move of pieces the domain allows (domain.md, "The life of a lot"), written out here from
// the domain and never read from transitions.ts: a table that allows one move too many (returned
// pieces back into QC) or one too few fails this test, whatever the code says about itself.
const domainMoves = new Set([
  // QC accepts (on to refining), rejects (back to the artisan, to rework, or sorted: bad pieces scrapped), or holds pieces that are not what their label says.
  'in_qc → refining',
  'in_qc → returned',
  'in_qc → rework',
  'in_qc → scrapped',
  'in_qc → quarantine',
  // Quarantine is left only by a supervisor's decision: on to QC, back to the artisan, or to scrap.
  'quarantine → in_qc',
  'quarantine → returned',
  'quarantine → scrapped',
  // Reworked pieces are inspected again, or given up.
  'rework → in_qc',
  'rework → returned',
  'rework → scrapped',
  // Refined pieces are plated, or (unplated finishes) go to finished stock after the final check, which may send them to rework.
  'refining → plating',
  'refining → finished',
  'refining → rework',
  'refining → scrapped',
  // Post-plating QC.
  'plating → finished',
  'plating → rework',
  'plating → scrapped',
  // Finished stock is packed for an order (and unpacked back), packed pieces are shipped.
  'finished → packed',
  'finished → rework',
  'finished → scrapped',
  'packed → shipped',
  'packed → finished',
]);

/** A lot holding one piece in each state, so only the rule decides whether a move goes. */
function lotWithAll(): Lot {
  const counts = Object.fromEntries(lotStates.map((s) => [s, 1])) as Record<LotState, number>;
  return {
    id: 'L-26-R1-000001', design_sku: 'BR-CUF-001', artisan_id: 'A-00001', finish: 'polished', delivery_code: null,
    received_qty: lotStates.length, received_weight_g: null, received_at: '2026-12-05T08:00:00.000Z', received_by: 'u', station: 'R1',
    updated_at: '2026-12-05T08:00:00.000Z', artisan_order_id: null, qc_round: 0, ...counts,
  };
}

const envelope = { id: 'e', station: 'R1', seq: 1, type: 'lot.moved', lotId: 'L-26-R1-000001', userId: 'u', at: '2026-12-05T09:00:00.000Z' };

describe('the moves of pieces between states', () => {
  const pairs = lotStates.flatMap((from) => lotStates.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s goes only where the domain says', (from, to) => {
    const move = () => lotMoved.fold!(lotWithAll(), { lotId: 'L-26-R1-000001', from, to, quantity: 1, reason: null }, envelope);
    if (domainMoves.has(`${from} → ${to}`)) expect(move()).toMatchObject({ [from]: 0, [to]: 2 });
    else expect(move).toThrow(expect.objectContaining({ code: 'lot.illegalMove' }));
  });

  it('names only real states', () => {
    for (const pair of domainMoves) for (const state of pair.split(' → ')) expect(lotStates).toContain(state);
  });
});
