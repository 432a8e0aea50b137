import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import { createContext } from '../app/context';
import { moveLot } from '../lots/service';
import { loggedIn } from '../testing/joinSite';
import { demoStoreFile } from '../testing/tempStore';

// A supervisor's decisions on quarantined pieces, on a real demo store through the station's
// procedures. Demo people: halima (supervisor, 6666), wanjiru (clerk, 1111), otieno (inspector, 2222).

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

type Call = Awaited<ReturnType<typeof loggedIn>>;
type Delivery = { code: string; openOrders: { id: string; designSku: string; finish: string }[] };

/** A walk-in artisan's bag of 12 pieces the clerk could not match to a notice line: quarantined at the desk. */
async function quarantinedWalkIn(clerk: Call): Promise<{ lotId: string; order: Delivery['openOrders'][number] }> {
  const { code } = await clerk<{ code: string }>('receiving.walkIn', { artisanId: 'A-00002' });
  const delivery = await clerk<Delivery>('receiving.open', { code });
  const order = delivery.openOrders[0]!;
  const { lotId, state } = await clerk<{ lotId: string; state: string }>('receiving.receive', {
    deliveryCode: code,
    lineNo: null,
    artisanOrderId: order.id,
    designSku: order.designSku,
    finish: order.finish,
    quantity: 12,
    weighing: null,
    count: null,
    variance: { kind: 'unexpected', reason: 'notOnNotice', note: 'came in the same bag' },
  });
  expect(state).toBe('quarantine');
  return { lotId, order };
}

async function station() {
  app = await createApp(await demoStoreFile(), { devicePollMs: 0 });
  return { clerk: await loggedIn(app, 'wanjiru', '1111'), inspector: await loggedIn(app, 'otieno', '2222'), supervisor: await loggedIn(app, 'halima', '6666') };
}

const lotRow = (id: string) => app!.store.db.selectFrom('lots').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
// The print queue works in the background (a label printed is an event of its own): only the lots' facts count here.
const eventCount = async () => (await app!.store.db.selectFrom('events').select('id').where('type', 'not like', 'print.%').execute()).length;

/** The station's own move of pieces (core/lots/service), as the user of that name makes it. */
async function moveAs(username: string, lotId: string, to: 'in_qc' | 'scrapped') {
  const { id } = await app!.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const ctx = createContext({ db: app!.store.db, bus: app!.bus, now: () => new Date(), statusChanged: () => undefined }, null, id);
  await moveLot(ctx, { lotId, from: 'quarantine', to, quantity: 12, reason: null });
}

describe('quarantine', () => {
  it('lets no one but a supervisor move pieces out of it at the station, whatever the way in', async () => {
    const { clerk } = await station();
    const { lotId } = await quarantinedWalkIn(clerk);
    const before = { lot: await lotRow(lotId), events: await eventCount() };
    await expect(moveAs('otieno', lotId, 'in_qc')).rejects.toMatchObject({ code: 'quarantine.supervisorsDecide', params: { lot: lotId } });
    await expect(moveAs('kiprop', lotId, 'scrapped')).rejects.toMatchObject({ code: 'quarantine.supervisorsDecide' });
    expect({ lot: await lotRow(lotId), events: await eventCount() }).toEqual(before);
    await moveAs('halima', lotId, 'in_qc');
    expect(await lotRow(lotId)).toMatchObject({ quarantine: 0, in_qc: 12 });
  });

  it("is a supervisor's list: a clerk or an inspector can neither read it nor move a piece out of it", async () => {
    const { clerk, inspector, supervisor } = await station();
    const { lotId } = await quarantinedWalkIn(clerk);
    const listed = await supervisor<{ lots: { lotId: string; quantity: number; why: string | null; note: string | null }[] }>('quarantine.list');
    expect(listed.lots.find((l) => l.lotId === lotId)).toMatchObject({ quantity: 12, why: 'unexpected', note: 'came in the same bag' });
    const before = { lot: await lotRow(lotId), events: await eventCount() };
    for (const someone of [clerk, inspector]) {
      await expect(someone('quarantine.list')).rejects.toMatchObject({ code: 'auth.forbidden' });
      await expect(someone('quarantine.decide', { lotId, outcome: 'in_qc', reason: 'looks like the order' })).rejects.toMatchObject({ code: 'auth.forbidden' });
    }
    expect({ lot: await lotRow(lotId), events: await eventCount() }).toEqual(before);
  });

  it('sends a lot on to QC as the design chosen, with a reason, and QC then waits for it', async () => {
    const { clerk, supervisor } = await station();
    const { lotId } = await quarantinedWalkIn(clerk);
    const before = { lot: await lotRow(lotId), events: await eventCount() };
    await expect(supervisor('quarantine.decide', { lotId, outcome: 'in_qc', designSku: 'BR-CUF-009', finish: 'gold-1.0', reason: 'ok ' })).rejects.toMatchObject({ code: 'quarantine.reasonNeeded' });
    await expect(supervisor('quarantine.decide', { lotId, outcome: 'in_qc', designSku: 'BR-CUF-009', finish: 'lacquer', reason: 'hammered cuffs' })).rejects.toMatchObject({ code: 'design.finishNotOffered' });
    expect({ lot: await lotRow(lotId), events: await eventCount() }).toEqual(before);

    await supervisor('quarantine.decide', { lotId, outcome: 'in_qc', designSku: 'BR-CUF-009', finish: 'gold-1.0', reason: 'hammered cuffs, not spirals' });
    expect(await lotRow(lotId)).toMatchObject({ design_sku: 'BR-CUF-009', finish: 'gold-1.0', quarantine: 0, in_qc: 12 });
    const waiting = await supervisor<{ lotId: string; designSku: string; inQc: number }[]>('qc.waiting');
    expect(waiting.find((l) => l.lotId === lotId)).toMatchObject({ designSku: 'BR-CUF-009', inQc: 12 });
    expect((await supervisor<{ lots: { lotId: string }[] }>('quarantine.list')).lots.map((l) => l.lotId)).not.toContain(lotId);
    const { history } = await supervisor<{ history: { type: string; userName: string; payload: Record<string, unknown> }[] }>('lots.get', { lotId });
    expect(history.at(-1)).toMatchObject({ type: 'quarantine.decided', userName: 'Halima Hassan', payload: { to: 'in_qc', quantity: 12, reason: 'hammered cuffs, not spirals' } });
    await expect(supervisor('quarantine.decide', { lotId, outcome: 'scrapped', reason: 'changed my mind' })).rejects.toMatchObject({ code: 'quarantine.nothingHeld' });
  });

  it('returns a lot to the artisan with a return note in the print queue, or scraps one, each with its reason', async () => {
    const { clerk, supervisor } = await station();
    const returned = await quarantinedWalkIn(clerk);
    const { returnNoteJobId } = await supervisor<{ returnNoteJobId: string }>('quarantine.decide', { lotId: returned.lotId, outcome: 'returned', reason: 'not ordered, artisan takes them back' });
    expect(await lotRow(returned.lotId)).toMatchObject({ quarantine: 0, returned: 12 });
    const job = await app!.store.db.selectFrom('print_jobs').selectAll().where('id', '=', returnNoteJobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ template: 'return-note', printer: 'receipt', lot_id: returned.lotId, state: 'queued' });
    expect(JSON.parse(job.data)).toMatchObject({ clerk: 'Halima Hassan', lines: [{ lotId: returned.lotId, quantity: 12, reason: 'not ordered, artisan takes them back' }] });

    const scrapped = await quarantinedWalkIn(clerk);
    expect(await supervisor('quarantine.decide', { lotId: scrapped.lotId, outcome: 'scrapped', reason: 'broken in the bag' })).toEqual({ returnNoteJobId: null });
    expect(await lotRow(scrapped.lotId)).toMatchObject({ quarantine: 0, scrapped: 12, in_qc: 0 });
  });

  it('counts apart on the artisan page: quarantined pieces are not waiting for QC until a supervisor sends them', async () => {
    const { clerk, supervisor } = await station();
    const page = () => supervisor<{ totals: { pendingQc: number; quarantine: number } }>('artisans.page', { artisanId: 'A-00002' });
    const before = (await page()).totals;
    const { lotId } = await quarantinedWalkIn(clerk);
    expect((await page()).totals).toMatchObject({ pendingQc: before.pendingQc, quarantine: before.quarantine + 12 });
    await supervisor('quarantine.decide', { lotId, outcome: 'in_qc', reason: 'the order, just not on a notice' });
    expect((await page()).totals).toMatchObject({ pendingQc: before.pendingQc + 12, quarantine: before.quarantine });
  });
});
