import { sql } from 'kysely';
import type { Db } from '../../db/schema';
import { refoldSwitching } from '../../qc/switchingStore';
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
    return [
      ...latencyFigures(scanToPlan, 'scan → plan'),
      { name: 'lots in QC sampled', value: rows.length, unit: 'lots' },
      ...latencyFigures(quality, 'artisan quality, 5 years'),
      { name: 'artisan quality: decisions', value: historyLots, unit: 'lots' },
      ...latencyFigures(ranking, 'supervisor ranking (90 days)'),
    ];
  },
};
