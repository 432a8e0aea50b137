import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { exit } from '../../core/kernel/command';
import type { Db } from '../../core/db/schema';
import { openStore } from '../../core/db/store';
import { enrollStation, syncOnce } from '../../core/sync/sync';
import { hq } from '../../core/testing/hq';
import { tempDir, tempStoreFile } from '../../core/testing/tempStore';
import { freshPgUrl } from '../pg/testing';
import { startUpstreamServer } from '../server';
import { Upstream } from '../service';

// The platform publishes its reference data to a real upstream (SQLite and PostgreSQL) over HTTP:
// with `hq publish` as a person runs it, and as its back end does (one request per file). The
// oracle is written out by hand: what the example files say, and the line and reason of each bad row.

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/examples/site');
const example = (name: string) => path.join(examples, name);
const platformKey = 'platform-key-for-tests';
const enrollKey = 'site-key-for-tests';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function site(storage: 'sqlite' | 'postgresql', key: string | null = platformKey) {
  const upstream = await Upstream.open(storage === 'sqlite' ? { file: tempStoreFile('upstream.db') } : { pg: await freshPgUrl() }, { enrollKey });
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1', platformKey: key });
  open.push(upstream, server);
  return { upstream, url: server.url };
}

const publish = (url: string, kind: string, file: string, key = platformKey) => hq('publish', '--upstream', url, '--platform-key', key, '--kind', kind, file);

/** What the platform's back end sends: the file as the body of one request. */
async function post(url: string, kind: string, body: string, type = 'text/csv', key: string | null = platformKey) {
  const response = await fetch(`${url}/platform/v1/publish/${kind}`, { method: 'POST', headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) }, body });
  return { status: response.status, body: (await response.json()) as { error?: { code: string }; problems?: { line: number; code: string; params: Record<string, unknown> }[]; published?: number } };
}

const ordered = ['artisans', 'designs', 'artisan-orders', 'delivery-notices', 'customer-orders'] as const;

/** The example files in order, as the back end sends them (hq publish itself is run in the first test). */
async function publishExamples(url: string) {
  for (const kind of ordered) expect((await post(url, kind, readFileSync(example(`${kind}.csv`), 'utf8'))).status).toBe(200);
}

async function station(url: string): Promise<Db> {
  const store = await openStore(tempStoreFile());
  open.push(store);
  await enrollStation(store.db, url, { code: null, name: 'Desk', enrollKey });
  await syncOnce(store.db);
  return store.db;
}

describe.each(['sqlite', 'postgresql'] as const)('the platform publishing to an upstream in %s', (storage) => {
  it('hq publish takes the example files in order, a station holds what they say, and the same files again change nothing', async () => {
    const { upstream, url } = await site(storage);
    for (const kind of ordered) {
      const run = await publish(url, kind, example(`${kind}.csv`));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(exit.ok);
    }
    const desk = await station(url);

    expect(await desk.selectFrom('artisans').select(['id', 'name', 'region']).orderBy('id').execute()).toEqual([
      { id: 'KA-0001', name: 'Wanjikũ Kamau', region: 'Kiambu' },
      { id: 'KA-0002', name: "Nyaboke Ong'era", region: 'Kisii' },
      { id: 'KA-0003', name: "Nafula Wafula, Bungoma Women's Group", region: 'Kakamega' },
      { id: 'KA-0004', name: 'Mwende Mutua', region: 'Machakos' },
      { id: 'KA-0005', name: 'Muthoni Wachira', region: 'Nyeri' },
    ]);
    const cuff = await desk.selectFrom('designs').selectAll().where('sku', '=', 'KA-CUF-101').executeTakeFirstOrThrow();
    expect({ ...cuff, materials: JSON.parse(cuff.materials), finishes: JSON.parse(cuff.finishes), qc_checklist: JSON.parse(cuff.qc_checklist), qc_checklist_sw: JSON.parse(cuff.qc_checklist_sw!) }).toEqual({
      sku: 'KA-CUF-101',
      name: 'Tabaka Soapstone Cuff',
      materials: ['soapstone', 'brass'],
      finishes: ['polished', 'gold-1.0'],
      unit_weight_g: 42.5,
      weight_tolerance_pct: 5,
      plating_area_cm2: 36,
      qc_checklist: ['surface free of cracks', 'edges smooth', 'plating even'],
      name_sw: 'Bangili ya Jiwe la Sabuni ya Tabaka',
      qc_checklist_sw: ['uso hauna nyufa', 'kingo ni laini', 'mchovyo ni sawa'],
    });
    expect(await desk.selectFrom('artisan_orders').select(['id', 'quantity', 'unit_price_kes', 'status']).where('id', '=', 'KO-27-0002').executeTakeFirst()).toEqual({ id: 'KO-27-0002', quantity: 60, unit_price_kes: 700, status: 'open' });
    // The notice's two rows are apart in the file: one notice, its lines in the file's order.
    expect(await desk.selectFrom('delivery_notices').select(['code', 'artisan_id', 'status']).orderBy('code').execute()).toEqual([
      { code: 'DN-27-000101', artisan_id: 'KA-0001', status: 'expected' },
      { code: 'DN-27-000102', artisan_id: 'KA-0002', status: 'expected' },
      { code: 'DN-27-000103', artisan_id: 'KA-0004', status: 'expected' },
    ]);
    expect(await desk.selectFrom('delivery_notice_lines').select(['line_no', 'artisan_order_id', 'design_sku', 'quantity']).where('notice_code', '=', 'DN-27-000102').orderBy('line_no').execute()).toEqual([
      { line_no: 1, artisan_order_id: 'KO-27-0002', design_sku: 'KA-CUF-101', quantity: 30 },
      { line_no: 2, artisan_order_id: 'KO-27-0002', design_sku: 'KA-CUF-101', quantity: 30 },
    ]);
    const shop = await desk.selectFrom('customer_orders').selectAll().where('id', '=', 'SO-27-5001').executeTakeFirstOrThrow();
    expect(JSON.parse(shop.ship_to)).toEqual({ name: 'Kazuri Boutique Westlands', street: 'Sarit Centre, 2nd floor, Karuna Road', postcode: '00606', city: 'Nairobi', country: 'KE' });
    const prices = await desk.selectFrom('customer_order_lines').select(['order_id', 'line_no', 'unit_price_minor']).orderBy('order_id').orderBy('line_no').execute();
    expect(prices).toEqual([
      { order_id: 'SO-27-5001', line_no: 1, unit_price_minor: 145000 },
      { order_id: 'SO-27-5001', line_no: 2, unit_price_minor: 48050 },
      { order_id: 'SO-27-5002', line_no: 1, unit_price_minor: 8990 },
      { order_id: 'SO-27-5003', line_no: 1, unit_price_minor: 6400 },
    ]);

    const head = await upstream.head();
    const again = await publish(url, 'delivery-notices', example('delivery-notices.csv'));
    expect(again.code).toBe(exit.ok);
    expect(again.stdout).toContain('4 rows read, 0 published');
    for (const kind of ordered) expect((await post(url, kind, readFileSync(example(`${kind}.csv`), 'utf8'))).body.published).toBe(0);
    expect(await upstream.head()).toBe(head);
  }, 120_000);

  it('a design changed in a later file reaches the station as a new version; a row left out deletes nothing; JSON lines work alike', async () => {
    const { upstream, url } = await site(storage);
    await publishExamples(url);
    const desk = await station(url);
    const head = await upstream.head();

    const heavier = readFileSync(example('designs.csv'), 'utf8').split('\n').filter((line) => line.startsWith('sku,') || line.startsWith('KA-CUF-101,'));
    const answer = await post(url, 'designs', heavier.join('\n').replace(',42.5,', ',44,'));
    expect(answer).toMatchObject({ status: 200, body: { published: 1 } });
    expect(await upstream.head()).toBe(head + 1);
    const notice = await post(url, 'delivery-notices', readFileSync(example('delivery-notices.jsonl'), 'utf8'), 'application/x-ndjson');
    expect(notice).toMatchObject({ status: 200, body: { published: 1 } });

    await syncOnce(desk);
    expect(await desk.selectFrom('designs').select(['unit_weight_g', 'name']).where('sku', '=', 'KA-CUF-101').executeTakeFirst()).toEqual({ unit_weight_g: 44, name: 'Tabaka Soapstone Cuff' });
    expect(await desk.selectFrom('designs').select('sku').orderBy('sku').execute()).toHaveLength(4);
    expect(await desk.selectFrom('delivery_notice_lines').select(['artisan_order_id', 'quantity']).where('notice_code', '=', 'DN-27-000104').execute()).toEqual([{ artisan_order_id: 'KO-27-0005', quantity: 30 }]);
  }, 120_000);

  it('refuses a file with a bad row whole: each bad row listed with its line and why, and the upstream does not move', async () => {
    const { upstream, url } = await site(storage);
    await publishExamples(url);
    const head = await upstream.head();
    for (const bad of badFiles) {
      const answer = await post(url, bad.kind, bad.text, bad.type);
      expect(answer.status, bad.name).toBe(422);
      expect(answer.body.error?.code, bad.name).toBe('publish.refused');
      expect(answer.body.problems!.map((p) => ({ line: p.line, code: p.code, ...p.params })), bad.name).toEqual(bad.problems);
    }
    expect(await upstream.head()).toBe(head);

    const file = path.join(tempDir(), 'orders.csv');
    writeFileSync(file, 'id,artisan_id,design_sku,finish,quantity,unit_price_kes,due_on\nKO-27-0009,KA-0001,KA-CUF-101,polished,12.5,650,2027-01-15\n');
    const run = await publish(url, 'artisan-orders', file);
    expect(run.code).toBe(exit.failed);
    expect(run.stderr).toContain('line 2: quantity "12.5" is not a positive whole number');
    expect(run.stderr).toContain('nothing was published');
    expect(await upstream.head()).toBe(head);
  }, 120_000);

  it('takes nothing without the platform key: a wrong key, none, a station token, or a real upstream started without one', async () => {
    const { upstream, url } = await site(storage);
    const wrong = await publish(url, 'artisans', example('artisans.csv'), 'guessed');
    expect(wrong.code).toBe(exit.failed);
    expect(wrong.stderr).toContain('platform key');
    expect((await post(url, 'artisans', 'id,name,region,phone\nKA-9,X,Y,Z\n', 'text/csv', null)).body.error?.code).toBe('publish.unauthorized');
    const desk = await openStore(tempStoreFile());
    open.push(desk);
    await enrollStation(desk.db, url, { code: null, name: 'Desk', enrollKey });
    const { token } = await desk.db.selectFrom('sync_state').select('token').executeTakeFirstOrThrow();
    expect(await post(url, 'artisans', 'id,name,region,phone\nKA-9,X,Y,Z\n', 'text/csv', token)).toMatchObject({ status: 401, body: { error: { code: 'publish.unauthorized' } } });

    const closed = await site(storage, null);
    expect(await post(closed.url, 'artisans', 'id,name,region,phone\nKA-9,X,Y,Z\n')).toMatchObject({ status: 403, body: { error: { code: 'publish.disabled' } } });
    expect(await upstream.head()).toBe(0);
    expect(await closed.upstream.head()).toBe(0);
  }, 120_000);
});

const orderHeader = 'id,artisan_id,design_sku,finish,quantity,unit_price_kes,due_on';
const noticeHeader = 'code,artisan_id,order_id,design_sku,finish,quantity';
const shopHeader = 'id,customer,country,ship_to,service,currency,due_on,design_sku,finish,quantity,unit_price';

/** Bad files against the store the example files make, and what must be said about each (the oracle, by hand). */
const badFiles: { name: string; kind: string; text: string; type?: string; problems: Record<string, unknown>[] }[] = [
  {
    name: 'artisans: a column missing from the header, one misspelt',
    kind: 'artisans',
    text: 'id,name,regoin,phone\nKA-0009,Kerubo Nyamweya,Kisii,+254711000111\n',
    problems: [
      { line: 1, code: 'publish.unknownColumn', column: 'regoin', columns: 'id, name, region, phone, joined_on' },
      { line: 1, code: 'publish.missingColumn', column: 'region' },
    ],
  },
  {
    name: 'artisans: an id twice, a name empty, a date that does not exist, a UTF-8 BOM before the header',
    kind: 'artisans',
    text: '\uFEFFid,name,region,phone,joined_on\nKA-0009,Kerubo Nyamweya,Kisii,+254711000111,2025-02-29\nKA-0010,,Kitui,+254711000112,\nKA-0009,Kerubo N.,Kisii,+254711000111,\n',
    problems: [
      { line: 2, code: 'publish.badDate', column: 'joined_on', value: '2025-02-29' },
      { line: 3, code: 'publish.missing', column: 'name' },
      { line: 4, code: 'publish.duplicate', column: 'id', value: 'KA-0009', first: 2 },
    ],
  },
  {
    name: 'designs: a weight of 0, a negative tolerance, no finishes',
    kind: 'designs',
    text: 'sku,name,materials,finishes,unit_weight_g,tolerance_pct,plating_area_cm2\nKA-RNG-110,Ring,brass,polished,0,5,3\nKA-RNG-111,Ring,brass,polished,4,-1,3\nKA-RNG-112,Ring,brass,,4,5,3\n',
    problems: [
      { line: 2, code: 'publish.notPositive', column: 'unit_weight_g', value: '0' },
      { line: 3, code: 'publish.notAtLeastZero', column: 'tolerance_pct', value: '-1' },
      { line: 4, code: 'publish.missing', column: 'finishes' },
    ],
  },
  {
    name: 'artisan orders: a part piece, an unknown artisan, a finish the design lacks, a date that does not exist, a negative price, an unknown design',
    kind: 'artisan-orders',
    text: [
      orderHeader,
      'KO-27-0010,KA-0001,KA-CUF-101,polished,12.5,650,2027-01-15',
      'KO-27-0011,KA-0099,KA-CUF-101,polished,10,650,2027-01-15',
      'KO-27-0012,KA-0001,KA-CUF-101,gold-2.5,10,650,2027-01-15',
      'KO-27-0013,KA-0001,KA-CUF-101,polished,10,650,2027-02-30',
      'KO-27-0014,KA-0001,KA-CUF-101,polished,10,-5,2027-01-15',
      'KO-27-0015,KA-0001,KA-XXX-999,polished,10,650,2027-01-15',
      'KO-27-0016,KA-0001,KA-CUF-101,polished,10,650,2027-01-15',
    ].join('\n'),
    problems: [
      { line: 2, code: 'publish.notPieces', column: 'quantity', value: '12.5' },
      { line: 3, code: 'publish.unknownArtisan', column: 'artisan_id', value: 'KA-0099' },
      { line: 4, code: 'publish.unknownFinish', sku: 'KA-CUF-101', value: 'gold-2.5', finishes: 'polished, gold-1.0' },
      { line: 5, code: 'publish.badDate', column: 'due_on', value: '2027-02-30' },
      { line: 6, code: 'publish.negativePrice', column: 'unit_price_kes', value: '-5' },
      { line: 7, code: 'publish.unknownDesign', value: 'KA-XXX-999' },
    ],
  },
  {
    name: "delivery notices: another artisan's order, an unknown order, no pieces, a code a scanner cannot carry, a notice's artisan differing between its rows",
    kind: 'delivery-notices',
    text: [
      noticeHeader,
      'DN-27-000201,KA-0001,KO-27-0002,KA-CUF-101,gold-1.0,10',
      'DN-27-000202,KA-0001,KO-27-0404,KA-CUF-101,polished,10',
      'DN-27-000203,KA-0001,KO-27-0001,KA-CUF-101,polished,0',
      'dn-27-000204,KA-0001,KO-27-0001,KA-CUF-101,polished,5',
      'DN-27-000205,KA-0001,KO-27-0001,KA-CUF-101,polished,5',
      'DN-27-000205,KA-0002,KO-27-0002,KA-CUF-101,gold-1.0,5',
    ].join('\n'),
    problems: [
      { line: 2, code: 'publish.notTheOrders', column: 'artisan_id', value: 'KA-0001', order: 'KO-27-0002', expected: 'KA-0002' },
      { line: 3, code: 'publish.unknownOrder', value: 'KO-27-0404' },
      { line: 4, code: 'publish.notPieces', column: 'quantity', value: '0' },
      { line: 5, code: 'publish.badCode', value: 'dn-27-000204' },
      { line: 7, code: 'publish.disagrees', column: 'artisan_id', first: 6 },
    ],
  },
  {
    name: 'delivery notices: a notice already sent, with another quantity',
    kind: 'delivery-notices',
    text: `${noticeHeader}\nDN-27-000101,KA-0001,KO-27-0001,KA-CUF-101,polished,35\n`,
    problems: [{ line: 2, code: 'publish.alreadySent', column: 'code', value: 'DN-27-000101' }],
  },
  {
    name: 'customer orders: after an address over two lines, an unknown currency, more decimals than euros have, a country that is none',
    kind: 'customer-orders',
    text: [
      shopHeader,
      'SO-27-6001,Duka la Mama,KE,"Moi Avenue, Shop 4',
      'Nairobi CBD",G4S Courier,KSH,2027-01-20,KA-CUF-101,polished,10,1450',
      'SO-27-6002,Maison Amani,FR,12 rue des Orfèvres,DHL Express Worldwide,EUR,2027-02-05,KA-NEC-103,natural,6,89.905',
      'SO-27-6003,Nowhere Ltd,XX,1 Main St,DHL Express Worldwide,USD,2027-02-05,KA-NEC-103,natural,6,10',
    ].join('\r\n'),
    problems: [
      { line: 2, code: 'publish.badCurrency', value: 'KSH' },
      { line: 4, code: 'publish.badPrice', column: 'unit_price', value: '89.905', currency: 'EUR', digits: 2 },
      { line: 5, code: 'publish.badCountry', value: 'XX' },
    ],
  },
  {
    name: 'CSV that does not read: a row with a field too many, then a quote never closed',
    kind: 'artisans',
    text: 'id,name,region,phone\nKA-0009,Kerubo,Kisii,+254711000111,extra\nKA-0010,"Moraa,Kisii,+254711000112\n',
    problems: [{ line: 3, code: 'publish.badCsv', problem: 'CSV_QUOTE_NOT_CLOSED' }],
  },
  {
    name: 'CSV with a row of the wrong width',
    kind: 'artisans',
    text: 'id,name,region,phone\nKA-0009,Kerubo,Kisii,+254711000111,extra\n',
    problems: [{ line: 2, code: 'publish.fieldCount', fields: 5, columns: 4 }],
  },
  {
    name: 'JSON lines: a line that is not JSON, and a part piece after a blank line',
    kind: 'artisan-orders',
    type: 'application/x-ndjson',
    text: [
      '{"id":"KO-27-0020","artisan_id":"KA-0001","design_sku":"KA-CUF-101","finish":"polished","quantity":10,"unit_price_kes":650,"due_on":"2027-01-15"}',
      '{"id":"KO-27-0021",',
      '',
      '{"id":"KO-27-0022","artisan_id":"KA-0001","design_sku":"KA-CUF-101","finish":"polished","quantity":2.5,"unit_price_kes":650,"due_on":"2027-01-15"}',
    ].join('\n'),
    problems: [
      { line: 2, code: 'publish.badJson' },
      { line: 4, code: 'publish.notPieces', column: 'quantity', value: '2.5' },
    ],
  },
];
