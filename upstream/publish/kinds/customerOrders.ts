import { fact, type Fact } from '../../../core/demo/reference';
import { customerOrderPlaced } from '../../../core/reference/events';
import type { RowReader } from '../fields';
import { alreadySent, changed, checkDesign, groupBy, inPieces, keysOf, knownDesigns, readers, sameOnEveryRow, type Kind } from '../kind';

type Line = { lineNo: number; designSku: string; finish: string; quantity: number; unitPriceMinor: number };

const orderColumns = ['customer', 'country', 'ship_to', 'ship_to_name', 'ship_to_postcode', 'ship_to_city', 'ship_to_state', 'service', 'currency', 'due_on'] as const;
const currencies = new Set(Intl.supportedValuesOf('currency'));
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
// ZZ is ICU's "Unknown Region", not a place a parcel goes.
const isCountry = (code: string) => /^[A-Z]{2}$/.test(code) && code !== 'ZZ' && regions.of(code) !== undefined;

/**
 * Customer orders: one row per line, rows with the same id are one order. unit_price is in the
 * currency's units ("12.50" EUR), stored in its minor units (1250). The order's fields (customer,
 * address, service, currency, due_on) must read the same on each of its rows.
 */
export const customerOrders: Kind = {
  required: ['id', 'customer', 'country', 'ship_to', 'service', 'currency', 'due_on', 'design_sku', 'finish', 'quantity', 'unit_price'],
  optional: ['ship_to_name', 'ship_to_postcode', 'ship_to_city', 'ship_to_state'],
  async facts(rows, { db, problems }) {
    const designs = await knownDesigns(db, keysOf(rows, 'design_sku'));
    const ids = keysOf(rows, 'id');
    const orders = new Map((await inPieces(ids, (piece) => db.selectFrom('customer_orders').selectAll().where('id', 'in', piece).execute())).map((o) => [o.id, o]));
    const lines = await inPieces(ids, (piece) => db.selectFrom('customer_order_lines').selectAll().where('order_id', 'in', piece).orderBy('line_no').execute());
    const facts: Fact[] = [];
    for (const [id, group] of groupBy(readers(rows, problems), 'id')) {
      sameOnEveryRow(group, orderColumns, 'id');
      const [first] = group as [RowReader];
      first.id('id');
      const order = orderOf(first);
      const payload = { id, ...order, lines: group.map((r, i) => orderLine(r, i + 1, order.currency, designs)) };
      if (!group.every((r) => r.ok)) continue;
      const stored = orders.get(id);
      const storedLines = lines.filter((l) => l.order_id === id).map((l) => ({ lineNo: Number(l.line_no), designSku: l.design_sku, finish: l.finish, quantity: Number(l.quantity), unitPriceMinor: Number(l.unit_price_minor) }));
      if (!stored) facts.push(fact(customerOrderPlaced, payload));
      else if (changed(payload, { id, customer: stored.customer, country: stored.country, shipTo: JSON.parse(stored.ship_to) as Record<string, string>, service: stored.service, currency: stored.currency, dueOn: stored.due_on, lines: storedLines }))
        alreadySent(first, 'id', id);
    }
    return facts;
  },
};

function orderOf(r: RowReader) {
  const customer = r.text('customer');
  const country = r.text('country');
  if (country && !isCountry(country)) r.fail(undefined, 'publish.badCountry', `country "${country}" is not a country code (two capital letters: KE, DE)`, { value: country });
  const currency = r.text('currency');
  if (currency && !currencies.has(currency)) r.fail(undefined, 'publish.badCurrency', `currency "${currency}" is not a currency code (three capital letters: KES, EUR)`, { value: currency });
  // Labels print an address a line at a time: the street's own line breaks become commas.
  const street = r.text('ship_to').split('\n').map((part) => part.trim()).filter(Boolean).join(', ');
  const address = { name: r.optionalText('ship_to_name') ?? customer, street, postcode: r.optionalText('ship_to_postcode'), city: r.optionalText('ship_to_city'), state: r.optionalText('ship_to_state'), country };
  const shipTo = Object.fromEntries(Object.entries(address).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return { customer, country, shipTo, service: r.text('service'), currency, dueOn: r.date('due_on') };
}

function orderLine(r: RowReader, lineNo: number, currency: string, designs: Map<string, { finishes: string[] }>): Line {
  const line = { lineNo, designSku: r.id('design_sku'), finish: r.text('finish'), quantity: r.pieces('quantity'), unitPriceMinor: 0 };
  checkDesign(r, designs, line.designSku, line.finish);
  const digits = currencies.has(currency) ? new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2 : 2;
  return { ...line, unitPriceMinor: r.money('unit_price', currency, digits) };
}
