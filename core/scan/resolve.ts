import { AppError } from '../api/errors';
import type { Db } from '../db/schema';
import { parseLotId } from '../lots/lotId';
import { noticePattern } from '../receiving/delivery';

export type ScanTarget = { kind: 'lot'; lotId: string } | { kind: 'notice'; code: string };

/** What a scanned code stands for. Later features add delivery notices, orders, piece tags. */
export async function resolveScan(db: Db, raw: string): Promise<ScanTarget> {
  const code = raw.trim();
  const lot = parseLotId(code);
  if (lot) {
    const id = code.toUpperCase();
    const found = await db.selectFrom('lots').select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw new AppError('scan.lotNotFound', `Lot ${id} is not in this store`, { code: id });
    return { kind: 'lot', lotId: id };
  }
  if (noticePattern.test(code.toUpperCase())) {
    const found = await db.selectFrom('delivery_notices').select('code').where('code', '=', code.toUpperCase()).executeTakeFirst();
    if (!found) throw new AppError('receiving.unknownNotice', `No delivery notice ${code}`, { code: code.toUpperCase() });
    return { kind: 'notice', code: found.code };
  }
  throw new AppError('scan.unknownCode', `"${code}" is not a code Karakana knows`, { code: code.slice(0, 60) });
}
