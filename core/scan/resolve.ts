import { AppError } from '../kernel/errors';
import type { Db } from '../db/schema';
import { readScannedCode } from '../labels/barcodes';
import { boxBySscc } from '../packing/sscc';
import { noticePattern } from '../receiving/delivery';

export type ScanTarget =
  | { kind: 'lot'; lotId: string }
  | { kind: 'notice'; code: string }
  | { kind: 'order'; orderId: string }
  | { kind: 'batch'; batchId: string };

/**
 * What a code scanned outside a form stands for: a lot label or piece tag (the lot), a delivery
 * notice, a customer order or a box's SSCC (the order's packing), a plating batch traveller (its run).
 */
export async function resolveScan(db: Db, raw: string): Promise<ScanTarget> {
  const code = raw.trim();
  const read = readScannedCode(code);
  const box = read.kind === 'gs1' ? await boxBySscc(db, code) : null;
  if (box) return { kind: 'order', orderId: box.orderId };
  if (read.kind === 'lot' || read.kind === 'piece') {
    const id = read.lotId;
    const found = await db.selectFrom('lots').select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw new AppError('scan.lotNotFound', `Lot ${id} is not in this store`, { code: id });
    return { kind: 'lot', lotId: id };
  }
  if (noticePattern.test(code.toUpperCase())) {
    const found = await db.selectFrom('delivery_notices').select('code').where('code', '=', code.toUpperCase()).executeTakeFirst();
    if (!found) throw new AppError('receiving.unknownNotice', `No delivery notice ${code}`, { code: code.toUpperCase() });
    return { kind: 'notice', code: found.code };
  }
  const upper = code.toUpperCase();
  const order = await db.selectFrom('customer_orders').select('id').where('id', '=', upper).executeTakeFirst();
  if (order) return { kind: 'order', orderId: order.id };
  const batch = await db.selectFrom('plating_batches').select('id').where('id', '=', upper).executeTakeFirst();
  if (batch) return { kind: 'batch', batchId: batch.id };
  throw new AppError('scan.unknownCode', `"${code}" is not a code Karakana knows`, { code: code.slice(0, 60) });
}
