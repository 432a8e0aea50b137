import { fact, type Fact } from '../../../core/demo/reference';
import { deliveryNoticeSent } from '../../../core/reference/events';
import type { RowReader } from '../fields';
import { alreadySent, changed, checkArtisan, checkDesign, groupBy, inPieces, keysOf, knownArtisans, knownDesigns, readers, sameOnEveryRow, type Kind } from '../kind';

type Line = { lineNo: number; artisanOrderId: string; designSku: string; quantity: number };
type Order = { artisan_id: string; design_sku: string; finish: string };

// Scanned at the desk and matched after upper-casing, so a code is what its barcode can carry.
const codeForm = /^[A-Z0-9][A-Z0-9-]*$/;

/**
 * Delivery notices: one row per line, rows with the same code are one notice (its lines numbered
 * in the file's order). Each line names the artisan order it delivers against, which must be the
 * notice's artisan's, for that design and finish.
 */
export const deliveryNotices: Kind = {
  required: ['code', 'artisan_id', 'order_id', 'design_sku', 'finish', 'quantity'],
  optional: [],
  async facts(rows, { db, problems, now }) {
    const artisans = await knownArtisans(db, keysOf(rows, 'artisan_id'));
    const designs = await knownDesigns(db, keysOf(rows, 'design_sku'));
    const orders = new Map<string, Order>(
      (await inPieces(keysOf(rows, 'order_id'), (piece) => db.selectFrom('artisan_orders').select(['id', 'artisan_id', 'design_sku', 'finish']).where('id', 'in', piece).execute())).map((o) => [o.id, o]),
    );
    const codes = keysOf(rows, 'code');
    const notices = new Map((await inPieces(codes, (piece) => db.selectFrom('delivery_notices').selectAll().where('code', 'in', piece).execute())).map((n) => [n.code, n]));
    const lines = await inPieces(codes, (piece) => db.selectFrom('delivery_notice_lines').select(['notice_code', 'line_no', 'artisan_order_id', 'design_sku', 'quantity']).where('notice_code', 'in', piece).orderBy('line_no').execute());
    const facts: Fact[] = [];
    for (const [code, group] of groupBy(readers(rows, problems), 'code')) {
      sameOnEveryRow(group, ['artisan_id'], 'code');
      const [first] = group as [RowReader];
      const artisanId = first.id('artisan_id');
      if (first.id('code') && !codeForm.test(code)) first.fail(undefined, 'publish.badCode', `code "${code}" is not a notice code (capital letters, digits and dashes)`, { value: code });
      checkArtisan(first, artisans, 'artisan_id', artisanId);
      const noticeLines = group.map((r, i) => noticeLine(r, i + 1, orders, designs));
      if (!group.every((r) => r.ok)) continue;
      const stored = notices.get(code);
      const payload = { code, artisanId, sentAt: stored?.sent_at ?? now.toISOString(), lines: noticeLines };
      const storedLines = lines.filter((l) => l.notice_code === code).map((l) => ({ lineNo: Number(l.line_no), artisanOrderId: l.artisan_order_id, designSku: l.design_sku, quantity: Number(l.quantity) }));
      if (!stored) facts.push(fact(deliveryNoticeSent, payload));
      else if (changed(payload, { code, artisanId: stored.artisan_id, sentAt: stored.sent_at, lines: storedLines })) alreadySent(first, 'code', code);
    }
    return facts;
  },
};

function noticeLine(r: RowReader, lineNo: number, orders: Map<string, Order>, designs: Map<string, { finishes: string[] }>): Line {
  const line = { lineNo, artisanOrderId: r.id('order_id'), designSku: r.id('design_sku'), quantity: r.pieces('quantity') };
  const finish = r.text('finish');
  checkDesign(r, designs, line.designSku, finish);
  const order = orders.get(line.artisanOrderId);
  if (line.artisanOrderId && !order) r.fail(undefined, 'publish.unknownOrder', `order_id "${line.artisanOrderId}" is not an artisan order here`, { value: line.artisanOrderId });
  else if (order) {
    const stated = { artisan_id: r.id('artisan_id'), design_sku: line.designSku, finish };
    for (const column of ['artisan_id', 'design_sku', 'finish'] as const)
      if (stated[column] && stated[column] !== order[column])
        r.fail(undefined, 'publish.notTheOrders', `${column} "${stated[column]}" is not order ${line.artisanOrderId}'s (${order[column]})`, { column, value: stated[column], order: line.artisanOrderId, expected: order[column] });
  }
  return line;
}
