import { sql } from 'kysely';
import { AppError } from '../kernel/errors';
import type { Role } from '../api/roles';
import type { LotState, Trx } from '../db/schema';
import type { Ctx, WriteTransaction } from '../app/context';
import type { EventPayload } from '../events/define';
import { leavingQuarantine, lotMoved, lotReceived } from './events';
import { formatLotId, nairobiYear, parseLotId } from './lotId';

export type LotReceipt = Omit<EventPayload<typeof lotReceived>, 'lotId'>;

/** Creates a lot with its id from this station's own counter, in one transaction with its event. */
export async function receiveLot(ctx: Ctx, receipt: LotReceipt): Promise<string> {
  return ctx.write((tx) => receiveInTransaction(tx, receipt));
}

/** The same, inside a write that records more (the receiving desk queues the lot's label with it). */
export async function receiveInTransaction({ trx, actor, record }: WriteTransaction, receipt: LotReceipt): Promise<string> {
  const design = await trx.selectFrom('designs').select(['sku', 'finishes']).where('sku', '=', receipt.designSku).executeTakeFirst();
  if (!design) throw new AppError('design.notFound', `No design ${receipt.designSku}`, { sku: receipt.designSku });
  const finishes = JSON.parse(design.finishes) as string[];
  if (!finishes.includes(receipt.finish))
    throw new AppError('design.finishNotOffered', `${receipt.designSku} is not made in ${receipt.finish}`, {
      sku: receipt.designSku,
      finish: receipt.finish,
    });
  const artisan = await trx.selectFrom('artisans').select('id').where('id', '=', receipt.artisanId).executeTakeFirst();
  if (!artisan) throw new AppError('artisan.notFound', `No artisan ${receipt.artisanId}`, { artisan: receipt.artisanId });
  const station = await trx
    .updateTable('station')
    .set((eb) => ({ next_lot_number: eb('next_lot_number', '+', 1) }))
    .returning(['code', 'next_lot_number'])
    .executeTakeFirstOrThrow();
  const lotId = formatLotId({ year: nairobiYear(actor.now()), station: station.code, number: station.next_lot_number - 1 });
  await record(lotReceived, { ...receipt, lotId });
  return lotId;
}

/**
 * This station's next lot number is never one it has seen used under its own code: a store
 * restored from an older copy (or a station whose code another once used) would otherwise number
 * lots the site already holds, and every receipt would fail "already exists". Called with the lot
 * ids of a pulled page; cheap, no query unless one carries this station's code.
 */
export async function passOwnLotNumbers(trx: Trx, code: string, lotIds: Iterable<string | null>): Promise<void> {
  let highest = 0;
  for (const id of lotIds) {
    const parts = id === null ? null : parseLotId(id);
    if (parts?.station === code) highest = Math.max(highest, parts.number);
  }
  await passLotNumber(trx, highest);
}

/** The same for the lots of a snapshot just installed: one look at the lots table. */
export async function passSnapshotLotNumbers(trx: Trx, code: string): Promise<void> {
  const start = 'L-26-'.length + code.length + 2;
  const { rows } = await sql<{ highest: number | null }>`SELECT max(CAST(substr(id, ${start}) AS INTEGER)) AS highest FROM lots WHERE id GLOB ${`L-[0-9][0-9]-${code}-[0-9]*`}`.execute(trx);
  await passLotNumber(trx, Number(rows[0]?.highest ?? 0));
}

async function passLotNumber(trx: Trx, used: number): Promise<void> {
  if (used > 0) await trx.updateTable('station').set({ next_lot_number: sql<number>`max(next_lot_number, ${used + 1})` }).execute();
}

export interface LotMove {
  lotId: string;
  from: LotState;
  to: LotState;
  quantity: number;
  reason: string | null;
}

export async function moveLot(ctx: Ctx, move: LotMove): Promise<void> {
  await ctx.write(async ({ trx, actor, record }) => {
    await mayMove(trx, actor.userId, move);
    await record(lotMoved, move);
  });
}

/** The station holds a move to the upstream's rule (lotMoved's authority): what it would refuse is not made here. */
async function mayMove(trx: Trx, userId: string, move: LotMove): Promise<void> {
  const needed = leavingQuarantine(move);
  if (!needed) return;
  const user = await trx.selectFrom('users').select('roles').where('id', '=', userId).executeTakeFirst();
  const roles = user ? (JSON.parse(user.roles) as Role[]) : [];
  if (!needed.some((role) => roles.includes(role)))
    throw new AppError('quarantine.supervisorsDecide', `Only a supervisor takes pieces out of quarantine (lot ${move.lotId})`, { lot: move.lotId });
}
