import { describe, expect, it } from 'vitest';
import type { Db } from '../db/schema';
import { openStore } from '../db/store';
import { applyStored } from '../sync/apply';
import { demoStoreFile } from '../testing/tempStore';

// A pair's switching state is folded on as its decisions come, in the order they were made, and
// folded whole from its history when one arrives that was made earlier (decided at another station
// while apart). A person sees the same mode either way.

const results = [true, true, true, false, true, false, true];

function decisionsOf(artisanId: string, designSku: string) {
  return results.flatMap((accepted, i) => {
    const lotId = `SW-${i}`;
    const at = `2026-11-2${i}T09:00:00.000Z`;
    const base = { station: 'PULLED', user_id: 'someone', at, lot_id: lotId };
    const received = { ...base, id: `rcv-${i}`, seq: 2 * i + 1, type: 'lot.received', payload: JSON.stringify({ lotId, designSku, artisanId, finish: 'raw', deliveryCode: null, quantity: 50, weightG: null, state: 'in_qc' }) };
    const nonconforming = accepted ? 0 : 3;
    const decision = {
      lotId,
      inspectionId: `insp-${i}`,
      round: 0,
      artisanId,
      designSku,
      verdict: accepted ? 'accept' : 'reject',
      computed: accepted ? 'accept' : 'reject',
      overrideReason: null,
      disposition: accepted ? 'refining' : 'return',
      quantity: 50,
      sampleSize: 8,
      mode: 'normal',
      nonconforming: { critical: 0, major: nonconforming, minor: 0 },
      switching: { accepted, nonconforming, sampleSize: 8, aql: 2.5, inReducedGap: false },
    };
    return [{ received, decided: { ...base, id: `dec-${i}`, seq: 2 * i + 2, type: 'qc.decided', payload: JSON.stringify(decision) } }];
  });
}

/** The company's settings as a supervisor saved them, at the start of the day. */
const defaultsSet = (firstLots: number) => ({
  id: 'defaults',
  seq: 0,
  station: 'PULLED',
  user_id: 'someone',
  at: '2026-11-19T09:00:00.000Z',
  lot_id: null,
  type: 'qc.defaultsSet',
  payload: JSON.stringify({ majorAql: 2.5, minorAql: 4, level: 'II', firstLots }),
});

async function modeAfter(order: (list: ReturnType<typeof decisionsOf>) => ReturnType<typeof decisionsOf>, firstLots?: number) {
  const store = await openStore(await demoStoreFile());
  try {
    const db: Db = store.db;
    const artisan = await db.selectFrom('artisans').select('id').executeTakeFirstOrThrow();
    const design = await db.selectFrom('designs').select('sku').executeTakeFirstOrThrow();
    const list = decisionsOf(artisan.id, design.sku);
    const modes: string[] = [];
    await db.transaction().execute(async (trx) => {
      if (firstLots !== undefined) expect(await applyStored(trx, defaultsSet(firstLots), 'HERE')).toBe('applied');
      for (const { received } of list) expect(await applyStored(trx, received, 'HERE')).toBe('applied');
      for (const { decided } of order(list)) {
        expect(await applyStored(trx, decided, 'HERE')).toBe('applied');
        modes.push((await trx.selectFrom('qc_switching').select('mode').where('artisan_id', '=', artisan.id).where('design_sku', '=', design.sku).executeTakeFirstOrThrow()).mode);
      }
    });
    const kept = await db.selectFrom('qc_switching').select(['state', 'mode']).where('artisan_id', '=', artisan.id).where('design_sku', '=', design.sku).executeTakeFirstOrThrow();
    return { modes, kept: { mode: kept.mode, state: JSON.parse(kept.state) as unknown } };
  } finally {
    await store.close();
  }
}

describe("a pair's switching state", () => {
  it('moves on with each decision made after the last, and ends as folding the whole history gives', async () => {
    const inOrder = await modeAfter((list) => list);
    // Three first lots at 100 %, then normal; two of three rejected on normal: tightened.
    expect(inOrder.modes).toEqual(['all', 'all', 'normal', 'normal', 'normal', 'tightened', 'tightened']);
    const learntLate = await modeAfter((list) => [...list].reverse());
    expect(learntLate.kept).toEqual(inOrder.kept);
    expect(inOrder.kept.state).toMatchObject({ mode: 'tightened', tightenedAccepted: 1 });
  });

  it("starts a new pair with the company's first lots at 100 %, as a supervisor set them", async () => {
    const { modes } = await modeAfter((list) => list, 5);
    expect(modes).toEqual(['all', 'all', 'all', 'all', 'normal', 'normal', 'normal']);
  });
});
