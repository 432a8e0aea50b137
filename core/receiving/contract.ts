import { z } from 'zod';
import { none, ok, procedure } from '../api/procedure';
import { clerks } from '../api/roles';
import { limits } from '../numbers/limits';
import { numberIn } from '../numbers/schema';
import { receivingCount, receivingVariance, receivingWeighing } from './facts';

// The receiving part of the contract (listed in core/featureContracts.ts): a delivery at the desk, its lines
// weighed or counted on the desk scale, and an artisan's page.

const deliveryLine = z.object({
  lineNo: z.number(),
  artisanOrderId: z.string(),
  designSku: z.string(),
  designName: z.string(),
  finish: z.string(),
  finishes: z.array(z.string()),
  expected: z.number(),
  unitWeightG: z.number(),
  tolerancePct: z.number(),
  receivedLotId: z.string().nullable(),
  receivedQty: z.number().nullable(),
});
const delivery = z.object({
  code: z.string(),
  artisan: z.object({ id: z.string(), name: z.string(), region: z.string(), phone: z.string() }),
  sentAt: z.string(),
  status: z.enum(['expected', 'receiving', 'received']),
  receivedBy: z.string().nullable(),
  receivedAt: z.string().nullable(),
  lines: z.array(deliveryLine),
  extraLots: z.array(z.object({ lotId: z.string(), designSku: z.string(), quantity: z.number() })),
  openOrders: z.array(z.object({ id: z.string(), designSku: z.string(), designName: z.string(), finish: z.string(), quantity: z.number(), unitWeightG: z.number(), tolerancePct: z.number() })),
});
const tally = z.object({ count: z.number(), pieces: z.number() });
const deliverySummary = z.object({ received: tally, short: tally, extra: tally, quarantined: tally });
const lineReceipt = z
  .object({
    deliveryCode: z.string().max(40),
    lineNo: z.number().int().positive().nullable(),
    artisanOrderId: z.string().max(40).nullable(),
    designSku: z.string().max(40),
    finish: z.string().max(40),
    quantity: z.number().int('A count is a whole number of pieces').positive('A count is at least one piece').max(100_000),
    // A receipt's figures held to the weigh panel's limits; stored receipts keep the shape they were saved with.
    weighing: receivingWeighing.extend({ grossG: numberIn(limits.weighedG), tareG: numberIn(limits.tareG) }).nullable(),
    count: receivingCount.extend({ unitWeightG: numberIn(limits.pieceG).nullable(), sampleSize: numberIn(limits.samplePieces).nullable() }).nullable(),
    variance: receivingVariance.nullable(),
  })
  .strict();
const scaleReading = z.object({ device: z.string(), grams: z.number().nullable(), stable: z.boolean(), status: z.string(), unit: z.string().nullable() });
const artisanPage = z.object({
  artisan: z.object({ id: z.string(), name: z.string(), region: z.string(), phone: z.string(), joinedOn: z.string() }),
  // unpricedAccepted: accepted pieces of lots received against no order, so with no price to pay them at.
  totals: z.object({ received: z.number(), pendingQc: z.number(), quarantine: z.number(), accepted: z.number(), returned: z.number(), scrapped: z.number(), payableKes: z.number(), unpricedAccepted: z.number() }),
  // acceptancePct: null while no lot of theirs has been inspected.
  inspections: z.object({ lots: z.number(), acceptancePct: z.number().nullable() }),
  deliveries: z.array(z.object({ code: z.string(), sentAt: z.string(), status: z.string(), receivedAt: z.string().nullable(), lots: z.number(), pieces: z.number(), accepted: z.number(), returned: z.number(), payableKes: z.number(), unpricedAccepted: z.number() })),
});

export const receivingProcedures = {
  'receiving.open': procedure(z.object({ code: z.string().max(60) }).strict(), delivery, clerks),
  'receiving.artisans': procedure(z.object({ query: z.string().max(80) }).strict(), z.array(z.object({ id: z.string(), name: z.string(), region: z.string(), phoneEnd: z.string(), openOrders: z.number() })), clerks),
  'receiving.walkIn': procedure(z.object({ artisanId: z.string().max(40) }).strict(), z.object({ code: z.string() }), clerks),
  'receiving.receive': procedure(lineReceipt, z.object({ lotId: z.string(), state: z.enum(['in_qc', 'quarantine']) }), clerks),
  'receiving.finish': procedure(z.object({ code: z.string().max(60) }).strict(), deliverySummary, clerks),
  'artisans.page': procedure(z.object({ artisanId: z.string().max(40) }).strict(), artisanPage, 'session'),
  'scale.capture': procedure(none, z.object({ grams: z.number(), raw: z.string(), device: z.string() }), ['clerk', 'packer', 'supervisor', 'admin']),
  'scale.zero': procedure(none, ok, ['clerk', 'packer', 'supervisor', 'admin']),
  'scale.watch': procedure(none, z.object({ device: z.string() }), ['clerk', 'packer', 'supervisor', 'admin']),
  'scale.simulate': procedure(z.object({ grams: z.number().min(0).max(100_000) }).strict(), ok, ['clerk', 'packer', 'supervisor', 'admin']),
} as const;

export const receivingTopics = { 'scale.reading': scaleReading } as const;
