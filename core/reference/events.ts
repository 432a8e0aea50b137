import { z } from 'zod';
import { defineEvent } from '../events/define';
import { planners } from '../api/roles';

// Reference data comes from upstream (the artisans' app, the shop, the design team) as events,
// applied by the same projections on every station and on the upstream itself. Each is an upsert
// keyed by the record's id, so applying one twice leaves the same row.

const id = z.string().min(1).max(40);
const text = z.string().max(200);

export const artisanRegistered = defineEvent({
  type: 'artisan.registered',
  payload: z.object({ id, name: text, phone: text, region: text, joinedOn: z.string() }),
  lotId: () => null,
  authority: { by: 'platform' },
  async apply(trx, p) {
    const row = { name: p.name, phone: p.phone, region: p.region, joined_on: p.joinedOn };
    await trx.insertInto('artisans').values({ id: p.id, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
  },
});

export const designPublished = defineEvent({
  type: 'design.published',
  payload: z.object({
    sku: id,
    name: text,
    materials: z.array(text),
    finishes: z.array(text).min(1),
    unitWeightG: z.number().positive(),
    tolerancePct: z.number().min(0),
    platingAreaCm2: z.number().min(0),
    qcChecklist: z.array(text),
    // In Swahili, where the platform publishes them; absent from older events.
    nameSw: text.optional(),
    qcChecklistSw: z.array(text).optional(),
  }),
  lotId: () => null,
  authority: { by: 'platform' },
  async apply(trx, p) {
    const row = {
      name: p.name,
      name_sw: p.nameSw ?? null,
      qc_checklist_sw: p.qcChecklistSw ? JSON.stringify(p.qcChecklistSw) : null,
      materials: JSON.stringify(p.materials),
      finishes: JSON.stringify(p.finishes),
      unit_weight_g: p.unitWeightG,
      weight_tolerance_pct: p.tolerancePct,
      plating_area_cm2: p.platingAreaCm2,
      qc_checklist: JSON.stringify(p.qcChecklist),
    };
    await trx.insertInto('designs').values({ sku: p.sku, ...row }).onConflict((oc) => oc.column('sku').doUpdateSet(row)).execute();
  },
});

export const platingLineConfigured = defineEvent({
  type: 'platingLine.configured',
  payload: z.object({
    id,
    name: text,
    finishes: z.array(text),
    capacityDm2: z.number().positive(),
    maxPieces: z.number().int().positive(),
    // The line's physics as the planner sets them (core/plating); absent from upstream's older config.
    handlingMinutes: z.number().min(0).max(600).optional(),
    changeoverMinutes: z.record(z.string(), z.number().min(0).max(1440)).optional(),
    bathEfficiency: z.record(z.string(), z.number().positive().max(1)).optional(),
  }),
  lotId: () => null,
  authority: { by: 'person', roles: planners },
  async apply(trx, p) {
    const row = {
      name: p.name,
      finishes: JSON.stringify(p.finishes),
      capacity_dm2: p.capacityDm2,
      max_pieces: p.maxPieces,
      ...(p.handlingMinutes === undefined ? {} : { handling_minutes: p.handlingMinutes }),
      ...(p.changeoverMinutes === undefined ? {} : { changeover_minutes: JSON.stringify(p.changeoverMinutes) }),
      ...(p.bathEfficiency === undefined ? {} : { bath_efficiency: JSON.stringify(p.bathEfficiency) }),
    };
    await trx.insertInto('plating_lines').values({ id: p.id, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
  },
});

export const siteStationRegistered = defineEvent({
  type: 'siteStation.registered',
  payload: z.object({ code: id, name: text, desk: text }),
  lotId: () => null,
  authority: { by: 'platform' },
  async apply(trx, p) {
    await trx
      .insertInto('site_stations')
      .values(p)
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: p.name, desk: p.desk }))
      .execute();
  },
});

export const artisanOrderPlaced = defineEvent({
  type: 'artisanOrder.placed',
  payload: z.object({
    id,
    artisanId: id,
    designSku: id,
    finish: text,
    quantity: z.number().int().positive(),
    unitPriceKes: z.number().int().min(0),
    dueOn: z.string(),
  }),
  lotId: () => null,
  authority: { by: 'platform' },
  async apply(trx, p) {
    const row = { artisan_id: p.artisanId, design_sku: p.designSku, finish: p.finish, quantity: p.quantity, unit_price_kes: p.unitPriceKes, due_on: p.dueOn };
    await trx
      .insertInto('artisan_orders')
      .values({ id: p.id, ...row, status: 'open' })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  },
});

export const deliveryNoticeSent = defineEvent({
  type: 'deliveryNotice.sent',
  payload: z.object({
    code: id,
    artisanId: id,
    sentAt: z.string(),
    lines: z.array(z.object({ lineNo: z.number().int().positive(), artisanOrderId: id, designSku: id, quantity: z.number().int().positive() })).min(1),
  }),
  lotId: () => null,
  authority: { by: 'platform' },
  async apply(trx, p) {
    await trx
      .insertInto('delivery_notices')
      .values({ code: p.code, artisan_id: p.artisanId, sent_at: p.sentAt, status: 'expected' })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    for (const line of p.lines)
      await trx
        .insertInto('delivery_notice_lines')
        .values({ notice_code: p.code, line_no: line.lineNo, artisan_order_id: line.artisanOrderId, design_sku: line.designSku, quantity: line.quantity })
        .onConflict((oc) => oc.columns(['notice_code', 'line_no']).doNothing())
        .execute();
  },
});

export const customerOrderPlaced = defineEvent({
  type: 'customerOrder.placed',
  payload: z.object({
    id,
    customer: text,
    country: z.string().length(2),
    shipTo: z.record(z.string(), z.string()),
    service: text,
    currency: z.string().length(3),
    dueOn: z.string(),
    lines: z.array(z.object({ lineNo: z.number().int().positive(), designSku: id, finish: text, quantity: z.number().int().positive(), unitPriceMinor: z.number().int().min(0) })).min(1),
  }),
  lotId: () => null,
  authority: { by: 'platform' },
  async apply(trx, p) {
    await trx
      .insertInto('customer_orders')
      .values({ id: p.id, customer: p.customer, country: p.country, ship_to: JSON.stringify(p.shipTo), service: p.service, currency: p.currency, due_on: p.dueOn, status: 'open' })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    for (const line of p.lines)
      await trx
        .insertInto('customer_order_lines')
        .values({ order_id: p.id, line_no: line.lineNo, design_sku: line.designSku, finish: line.finish, quantity: line.quantity, unit_price_minor: line.unitPriceMinor })
        .onConflict((oc) => oc.columns(['order_id', 'line_no']).doNothing())
        .execute();
  },
});

// A carrier's own label for a customer order (bought by the shop from DHL, UPS...): its ZPL and
// tracking number, printed as it is at the packing table (core/packing).
export const carrierLabelIssued = defineEvent({
  type: 'carrierLabel.issued',
  payload: z.object({ trackingNumber: id, orderId: id, carrier: text, service: text, zpl: z.string().min(1).max(200_000) }),
  lotId: () => null,
  authority: { by: 'platform', maxBytes: 256 << 10 },
  async apply(trx, p) {
    await trx
      .insertInto('carrier_labels')
      .values({ tracking_number: p.trackingNumber, order_id: p.orderId, carrier: p.carrier, service: p.service, zpl: p.zpl, box_id: null })
      .onConflict((oc) => oc.column('tracking_number').doNothing())
      .execute();
  },
});
