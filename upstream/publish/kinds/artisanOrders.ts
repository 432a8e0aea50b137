import { fact, type Fact } from '../../../core/demo/reference';
import { artisanOrderPlaced } from '../../../core/reference/events';
import { changed, checkArtisan, checkDesign, inPieces, keysOf, knownArtisans, knownDesigns, readers, type Kind } from '../kind';

type Order = { id: string; artisanId: string; designSku: string; finish: string; quantity: number; unitPriceKes: number; dueOn: string };

/** Artisan orders: each names a known artisan, and a known design in one of its finishes; the price is whole shillings. */
export const artisanOrders: Kind = {
  required: ['id', 'artisan_id', 'design_sku', 'finish', 'quantity', 'unit_price_kes', 'due_on'],
  optional: [],
  async facts(rows, { db, problems }) {
    const artisans = await knownArtisans(db, keysOf(rows, 'artisan_id'));
    const designs = await knownDesigns(db, keysOf(rows, 'design_sku'));
    const stored = new Map<string, Order>(
      (await inPieces(keysOf(rows, 'id'), (piece) => db.selectFrom('artisan_orders').selectAll().where('id', 'in', piece).execute())).map((o) => [
        o.id,
        { id: o.id, artisanId: o.artisan_id, designSku: o.design_sku, finish: o.finish, quantity: Number(o.quantity), unitPriceKes: Number(o.unit_price_kes), dueOn: o.due_on },
      ]),
    );
    const seen = new Map<string, number>();
    const facts: Fact[] = [];
    for (const r of readers(rows, problems)) {
      const id = r.id('id');
      if (id) r.once(seen, 'id', id);
      const payload: Order = {
        id,
        artisanId: r.id('artisan_id'),
        designSku: r.id('design_sku'),
        finish: r.text('finish'),
        quantity: r.pieces('quantity'),
        unitPriceKes: r.money('unit_price_kes', 'KES', 0),
        dueOn: r.date('due_on'),
      };
      checkArtisan(r, artisans, 'artisan_id', payload.artisanId);
      checkDesign(r, designs, payload.designSku, payload.finish);
      if (r.ok && changed(payload, stored.get(id))) facts.push(fact(artisanOrderPlaced, payload));
    }
    return facts;
  },
};
