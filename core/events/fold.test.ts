import { describe, expect, it } from 'vitest';
import type { Db } from '../db/schema';
import { openStore } from '../db/store';
import { applyInOrder, applyStored, attempt } from '../sync/apply';
import { demoStoreFile } from '../testing/tempStore';

// A page of receipts and moves is applied as runs (one read and one write of their lots); what a
// person sees afterwards must be exactly what applying the same events one by one gives.

let seq = 0;
function event(type: string, lotId: string, payload: Record<string, unknown>) {
  seq++;
  return { id: `ev-${String(seq).padStart(6, '0')}`, station: 'PULLED', seq, type, lot_id: lotId, payload: JSON.stringify({ lotId, ...payload }), user_id: 'someone', at: `2026-11-25T10:${String(seq % 60).padStart(2, '0')}:00.000Z` };
}
const received = (lotId: string, design: { sku: string; artisan: string }, extra: Record<string, unknown> = {}) =>
  event('lot.received', lotId, { designSku: design.sku, artisanId: design.artisan, finish: 'raw', deliveryCode: null, quantity: 20, weightG: 41.5, state: 'in_qc', ...extra });
const decided = (lotId: string, design: { sku: string; artisan: string }, round = 0) =>
  event('qc.decided', lotId, {
    inspectionId: `insp-${lotId}-${round}`,
    round,
    artisanId: design.artisan,
    designSku: design.sku,
    verdict: 'accept',
    computed: 'accept',
    overrideReason: null,
    disposition: 'refining',
    quantity: 20,
    sampleSize: 5,
    mode: 'normal',
    nonconforming: { critical: 0, major: 0, minor: 0 },
    switching: { accepted: true, nonconforming: 0, sampleSize: 5, aql: 2.5, inReducedGap: false },
  });
const moved = (lotId: string, from: string, to: string, quantity: number) => event('lot.moved', lotId, { from, to, quantity, reason: null });

async function withStore<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const store = await openStore(await demoStoreFile());
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}

async function someDesign(db: Db) {
  const artisan = await db.selectFrom('artisans').select('id').executeTakeFirstOrThrow();
  const design = await db.selectFrom('designs').select('sku').executeTakeFirstOrThrow();
  return { sku: design.sku, artisan: artisan.id };
}

const lotsOf = (db: Db, ids: string[]) => db.selectFrom('lots').selectAll().where('id', 'in', ids).orderBy('id').execute();

describe('applying a run of lot events at once', () => {
  it('leaves every lot as applying the events one by one does, with unfolded events in between', async () => {
    const page = await withStore(async (db) => {
      const design = await someDesign(db);
      const line = await db.selectFrom('delivery_notice_lines').selectAll().where('received_lot_id', 'is', null).executeTakeFirstOrThrow();
      const onLine = { sku: line.design_sku, artisan: design.artisan };
      return [
        received('FOLD-1', design),
        moved('FOLD-1', 'in_qc', 'refining', 5),
        received('FOLD-2', design),
        // A decision folds too: it takes its lot's QC round, and its row comes after the run's lots.
        decided('FOLD-2', design),
        received('FOLD-4', design),
        moved('FOLD-4', 'in_qc', 'refining', 4),
        decided('FOLD-2', design, 1),
        moved('FOLD-4', 'refining', 'plating', 1),
        decided('FOLD-4', design),
        moved('FOLD-2', 'in_qc', 'refining', 2),
        moved('FOLD-1', 'refining', 'plating', 3),
        // Not folded either (it marks the notice line): the run after it reads the lot it made.
        received('FOLD-3', onLine, { deliveryCode: line.notice_code, noticeLine: line.line_no }),
        moved('FOLD-3', 'in_qc', 'refining', 20),
        moved('FOLD-2', 'in_qc', 'quarantine', 1),
        moved('FOLD-1', 'plating', 'finished', 3),
        moved('FOLD-3', 'refining', 'plating', 7),
      ];
    });
    const ids = ['FOLD-1', 'FOLD-2', 'FOLD-3', 'FOLD-4'];
    const oneByOne = await withStore(async (db) => {
      await db.transaction().execute(async (trx) => {
        for (const row of page) expect(await applyStored(trx, row, 'HERE')).toBe('applied');
      });
      return { lots: await lotsOf(db, ids), lines: await db.selectFrom('delivery_notice_lines').selectAll().where('received_lot_id', 'in', ids).execute() };
    });
    const together = await withStore(async (db) => {
      await db.transaction().execute(async (trx) => expect(await applyInOrder(trx, page, 'HERE')).toEqual([]));
      return { lots: await lotsOf(db, ids), lines: await db.selectFrom('delivery_notice_lines').selectAll().where('received_lot_id', 'in', ids).execute() };
    });
    expect(together).toEqual(oneByOne);
    expect(together.lots.map((l) => [l.id, l.in_qc, l.quarantine, l.refining, l.plating, l.finished, l.qc_round])).toEqual([
      ['FOLD-1', 15, 0, 2, 0, 3, 0],
      ['FOLD-2', 17, 1, 2, 0, 0, 2],
      ['FOLD-3', 0, 0, 13, 7, 0, 0],
      ['FOLD-4', 16, 0, 3, 1, 0, 1],
    ]);
    expect(together.lines).toHaveLength(1);
  });

  it('refuses a run holding a move of pieces that are not there, with the reason, and changes no lot', async () => {
    await withStore(async (db) => {
      const design = await someDesign(db);
      const existing = await db.selectFrom('lots').selectAll().where('in_qc', '>', 0).executeTakeFirstOrThrow();
      const page = [
        moved(existing.id, 'in_qc', 'refining', 1),
        received('FOLD-9', design),
        moved('FOLD-9', 'in_qc', 'refining', 15),
        moved('FOLD-9', 'refining', 'plating', 16),
      ];
      const error = await db.transaction().execute((trx) => attempt(trx, async () => void (await applyInOrder(trx, page, 'HERE'))));
      expect(error?.code).toBe('lot.notEnough');
      expect(error?.params).toMatchObject({ lot: 'FOLD-9', state: 'refining', available: 15, quantity: 16 });
      expect(await lotsOf(db, ['FOLD-9'])).toEqual([]);
      expect(await lotsOf(db, [existing.id])).toEqual([existing]);
    });
  });

  it('holds an event whose payload it cannot read, and applies the rest', async () => {
    await withStore(async (db) => {
      const design = await someDesign(db);
      const page = [received('FOLD-5', design), { ...moved('FOLD-5', 'in_qc', 'refining', 2), payload: '{"lotId":"FOLD-5","quantity":"two"}' }, moved('FOLD-5', 'in_qc', 'refining', 4)];
      const held = await db.transaction().execute((trx) => applyInOrder(trx, page, 'HERE'));
      expect(held).toEqual([page[1]!.id]);
      expect((await lotsOf(db, ['FOLD-5'])).map((l) => [l.in_qc, l.refining])).toEqual([[16, 4]]);
    });
  });

  it("leaves decisions and their pairs' switching states as one by one does: a pair's in one run, one made earlier, one replacing a stale row", async () => {
    // Two artisans with no lot of the design decided yet: each pair starts with its first lots at 100 %.
    const setUp = async (db: Db) => {
      const { sku } = await someDesign(db);
      const fresh = await db
        .selectFrom('artisans')
        .select('id')
        .where('id', 'not in', db.selectFrom('qc_decisions').select('artisan_id').where('design_sku', '=', sku))
        .orderBy('id')
        .limit(2)
        .execute();
      return { first: { sku, artisan: fresh[0]!.id }, second: { sku, artisan: fresh[1]!.id } };
    };
    const { first, second } = await withStore(setUp);
    // A row left by a decision of another order of events, which this page's decision of the same round replaces.
    const stale = async (db: Db) => {
      const row = await db.selectFrom('qc_decisions').selectAll().executeTakeFirstOrThrow();
      await db.insertInto('qc_decisions').values({ ...row, lot_id: 'DEC-5', round: 0, event_id: 'stale-decision', artisan_id: second.artisan, design_sku: second.sku }).execute();
    };
    const page = [
      ...['DEC-1', 'DEC-2', 'DEC-3', 'DEC-4'].map((lot) => received(lot, first)),
      received('DEC-5', second),
      received('DEC-6', second),
      decided('DEC-1', first),
      moved('DEC-1', 'in_qc', 'refining', 20),
      decided('DEC-2', first),
      decided('DEC-6', second),
      decided('DEC-3', first),
      // Decided at another desk before DEC-3 was: the pair is folded whole.
      { ...decided('DEC-4', first), at: '2026-11-25T09:00:00.000Z' },
      decided('DEC-5', second),
      decided('DEC-5', second, 1),
    ];
    const ids = ['DEC-1', 'DEC-2', 'DEC-3', 'DEC-4', 'DEC-5', 'DEC-6'];
    const pairs = [first.artisan, second.artisan];
    const seen = (db: Db) =>
      Promise.all([
        lotsOf(db, ids),
        db.selectFrom('qc_decisions').selectAll().where('lot_id', 'in', ids).orderBy('lot_id').orderBy('round').execute(),
        db.selectFrom('qc_switching').selectAll().where('artisan_id', 'in', pairs).where('design_sku', '=', first.sku).orderBy('artisan_id').execute(),
      ]);
    const oneByOne = await withStore(async (db) => {
      await stale(db);
      await db.transaction().execute(async (trx) => {
        for (const row of page) expect(await applyStored(trx, row, 'HERE')).toBe('applied');
      });
      return seen(db);
    });
    const together = await withStore(async (db) => {
      await stale(db);
      await db.transaction().execute(async (trx) => expect(await applyInOrder(trx, page, 'HERE')).toEqual([]));
      return seen(db);
    });
    expect(together).toEqual(oneByOne);
    const [lots, decisions, switching] = together;
    const decisionOf = (lot: string, round = 0) => page.find((e) => e.type === 'qc.decided' && e.lot_id === lot && JSON.parse(e.payload).round === round)!;
    expect(lots.map((l) => [l.id, l.qc_round])).toEqual(ids.map((id) => [id, id === 'DEC-5' ? 2 : 1]));
    expect(decisions.map((d) => [d.lot_id, d.round, d.event_id])).toEqual([
      ...['DEC-1', 'DEC-2', 'DEC-3', 'DEC-4'].map((id) => [id, 0, decisionOf(id).id]),
      ['DEC-5', 0, decisionOf('DEC-5').id],
      ['DEC-5', 1, decisionOf('DEC-5', 1).id],
      ['DEC-6', 0, decisionOf('DEC-6').id],
    ]);
    // Four lots accepted: three first lots at 100 %, then normal inspection. Folded whole at the
    // last decision applied (made earlier), up to the latest made. The second pair: three lots.
    const [one, two] = [first, second].map((pair) => switching.find((s) => s.artisan_id === pair.artisan)!);
    expect([one!.mode, one!.updated_at, one!.folded_id]).toEqual(['normal', decisionOf('DEC-4').at, decisionOf('DEC-3').id]);
    expect([two!.mode, two!.updated_at, two!.folded_id]).toEqual(['normal', decisionOf('DEC-5', 1).at, decisionOf('DEC-5', 1).id]);
  });
});
