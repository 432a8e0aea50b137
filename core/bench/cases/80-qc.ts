import { sql } from 'kysely';
import type { Db } from '../../db/schema';
import { foldDecisions, refoldSwitching } from '../../qc/switchingStore';
import type { BenchCase, BenchEnv } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';

const scans = 2_000;
const warmup = 100;
const pageLoads = 200;
const years = 5;
/** A prolific artisan: four lots a week for five years, over six designs. */
const historyLots = 4 * 52 * years;
const benchArtisan = 'A-BENCH-QC';

/**
 * Five years of one artisan's inspections, written straight into the QC tables (decisions and
 * their logged defects) as the projections would have: what the quality page reads. Idempotent,
 * so a store benched again keeps one history.
 */
async function artisanHistory(env: BenchEnv): Promise<void> {
  const db = env.app.store.db as Db;
  if (await db.selectFrom('qc_decisions').select('lot_id').where('artisan_id', '=', benchArtisan).executeTakeFirst()) return;
  const designs = (await db.selectFrom('designs').select('sku').orderBy('sku').limit(6).execute()).map((d) => d.sku);
  const codes = await db.selectFrom('qc_defect_codes').select(['code', 'class']).execute();
  const end = Date.now();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('artisans').values({ id: benchArtisan, name: 'Bench Artisan', phone: '+254700000000', region: 'Kisii', joined_on: '2021-01-01' }).onConflict((oc) => oc.column('id').doNothing()).execute();
    for (let i = 0; i < historyLots; i++) {
      const at = new Date(end - (historyLots - i) * (years * 365 * 86_400_000) / historyLots).toISOString();
      const lotId = `L-BENCH-QC-${String(i).padStart(6, '0')}`;
      const found = env.random.int(0, 4);
      const majors = codes.length ? Array.from({ length: found }, () => env.random.pick(codes)) : [];
      const rejected = majors.filter((c) => c.class !== 'minor').length >= 2;
      for (const [n, code] of majors.entries())
        await trx.insertInto('qc_entries').values({ id: `${lotId}-${n}`, inspection_id: `I-${lotId}`, piece: n + 1, code: code.code, class: code.class, measure: null, value: null, at, user_id: env.userId }).execute();
      await trx
        .insertInto('qc_decisions')
        .values({
          lot_id: lotId,
          round: 0,
          inspection_id: `I-${lotId}`,
          event_id: `E-${lotId}`,
          artisan_id: benchArtisan,
          design_sku: designs[i % designs.length]!,
          at,
          user_id: env.userId,
          verdict: rejected ? 'reject' : 'accept',
          computed: rejected ? 'reject' : 'accept',
          override_reason: null,
          disposition: rejected ? 'return' : 'refining',
          quantity: 80,
          sample_size: 20,
          mode: 'normal',
          critical: 0,
          major: majors.filter((c) => c.class === 'major').length,
          minor: majors.filter((c) => c.class === 'minor').length,
          switching: JSON.stringify({ accepted: !rejected, nonconforming: majors.length, sampleSize: 20, aql: 2.5, inReducedGap: false }),
          sorted_good: null,
          sorted_bad: null,
          bad_to: null,
          sort_event_id: null,
          sorted_at: null,
        })
        .execute();
    }
    for (const sku of designs) await refoldSwitching(trx, benchArtisan, sku, new Date(end).toISOString());
  });
}

/**
 * What a decision costs its pair's switching state, for one of the prolific artisan's pairs: the
 * whole history folded again (as every decision did before schema 13, and as one learnt late still
 * does), and the decision folded onto the state kept. Inside a transaction that is undone.
 */
async function switchingFolds(db: Db): Promise<{ whole: number[]; onKept: number[]; history: number }> {
  const pair = await db.selectFrom('qc_decisions').select(['design_sku']).where('artisan_id', '=', benchArtisan).orderBy('design_sku').executeTakeFirstOrThrow();
  const history = await db.selectFrom('qc_decisions').select((eb) => eb.fn.countAll<number>().as('n')).where('artisan_id', '=', benchArtisan).where('design_sku', '=', pair.design_sku).executeTakeFirstOrThrow();
  const steps = Array.from({ length: 220 }, (_, i) => i);
  const lot = { accepted: true, nonconforming: 0, sampleSize: 20, aql: 2.5, inReducedGap: false };
  const undone = new Error('undo');
  let whole: number[] = [];
  let onKept: number[] = [];
  await db
    .transaction()
    .execute(async (trx) => {
      whole = await timeEach(steps, 20, () => refoldSwitching(trx, benchArtisan, pair.design_sku, '2099-01-01T00:00:00.000Z').then(() => undefined));
      onKept = await timeEach(steps, 20, (i) => foldDecisions(trx, [{ artisanId: benchArtisan, designSku: pair.design_sku, at: '2099-01-01T00:00:00.000Z', id: `bench-${String(i).padStart(4, '0')}`, lot, replaced: false }]));
      throw undone;
    })
    .catch((error: unknown) => {
      if (error !== undone) throw error;
    });
  return { whole, onKept, history: Number(history.n) };
}

/** What the QC bench costs: a scanned lot to its plan on screen, and an artisan's quality page. */
export const benchCase: BenchCase = {
  name: 'qc (scan → plan; artisan quality over 5 years)',
  targets: { 'scan → plan p99': { below: 50 }, 'artisan quality, 5 years p99': { below: 200 } },
  async run(env) {
    const db = env.app.store.db as Db;
    const { rows } = await sql<{ id: string }>`SELECT id FROM lots WHERE in_qc > 0 ORDER BY random() LIMIT ${warmup + scans}`.execute(db);
    if (rows.length === 0) throw new Error('No lot of this store has pieces in QC');
    const lotIds = Array.from({ length: warmup + scans }, (_, i) => rows[i % rows.length]!.id);
    const scanToPlan = await timeEach(lotIds, warmup, async (code) => {
      const target = await env.call<{ kind: 'lot'; lotId: string }>('scan.resolve', { code });
      await env.call('qc.open', { lotId: target.lotId });
    });
    await artisanHistory(env);
    const quality = await timeEach(Array.from({ length: 20 + pageLoads }, () => benchArtisan), 20, async (artisanId) => {
      await env.call('qc.quality', { artisanId });
    });
    const ranking = await timeEach([1, 2, 3, 4, 5, 6], 1, async () => {
      await env.call('qc.ranking', {});
    });
    const folds = await switchingFolds(db);
    return [
      ...latencyFigures(scanToPlan, 'scan → plan'),
      { name: 'lots in QC sampled', value: rows.length, unit: 'lots' },
      ...latencyFigures(quality, 'artisan quality, 5 years'),
      { name: 'artisan quality: decisions', value: historyLots, unit: 'lots' },
      ...latencyFigures(ranking, 'supervisor ranking (90 days)'),
      ...latencyFigures(folds.whole, "a decision's switching: the pair's history folded whole"),
      ...latencyFigures(folds.onKept, 'the same decision folded onto the state kept'),
      { name: "the pair's decisions", value: folds.history, unit: 'lots' },
    ];
  },
};
