import { z } from 'zod';
import { ok, procedure } from '../api/procedure';
import { admins } from '../api/roles';
import { limits } from '../numbers/limits';
import { numberIn } from '../numbers/schema';

// The packing part of the contract (listed in core/featureContracts.ts).

/** The carriers' services the packing table ships with; an order's own service comes from upstream. */
export const shippingServices = ['DHL Express Worldwide', 'FedEx International Priority', 'UPS Worldwide Saver', 'Posta Kenya EMS', 'G4S Courier'] as const;

export const packers = ['packer', 'supervisor', 'admin'] as const;
export const packingSupervisors = ['supervisor', 'admin'] as const;
const code = z.string().trim().min(1).max(200);
const boxId = z.string().min(1).max(64);
const reason = z.string().max(300);

const pickLot = z.object({ lotId: z.string(), bin: z.string().nullable(), quantity: z.number(), pinned: z.boolean() });
export const packingLine = z.object({
  lineNo: z.number(),
  designSku: z.string(),
  designName: z.string(),
  finish: z.string(),
  ordered: z.number(),
  /** In boxes not shipped yet. */
  packed: z.number(),
  shipped: z.number(),
  need: z.number(),
  unitWeightG: z.number(),
  pick: z.array(pickLot),
});
export const packingBox = z.object({
  id: z.string(),
  no: z.number(),
  boxType: z.string(),
  status: z.enum(['open', 'shipped']),
  station: z.string(),
  service: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  weightG: z.number().nullable(),
  shippedAt: z.string().nullable(),
  sscc: z.string().nullable(),
  /** A supervisor let it ship at a weight outside its tolerance: why, who, when. */
  override: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  items: z.array(z.object({ lotId: z.string(), lineNo: z.number(), quantity: z.number() })),
  pieces: z.number(),
  expectedG: z.number(),
  toleranceG: z.number(),
});
const boxType = z.object({ code: z.string(), name: z.string(), packagingG: z.number(), toleranceG: z.number() });
export const packingOrder = z.object({
  order: z.object({
    id: z.string(),
    customer: z.string(),
    country: z.string(),
    shipTo: z.record(z.string(), z.string()),
    service: z.string(),
    currency: z.string(),
    dueOn: z.string(),
    status: z.string(),
  }),
  lines: z.array(packingLine),
  boxes: z.array(packingBox),
  /** This station: its own open box is the one it packs into. */
  station: z.string(),
  carrierLabel: z.object({ trackingNumber: z.string(), carrier: z.string(), service: z.string() }).nullable(),
  boxTypes: z.array(boxType),
});
const weighing = z.object({ grams: numberIn(limits.weighedG), method: z.enum(['scale', 'hand']) }).strict();

export const packingProcedures = {
  'packing.queue': procedure(
    z.object({}).strict(),
    z.array(z.object({ id: z.string(), customer: z.string(), country: z.string(), dueOn: z.string(), status: z.string(), lines: z.number(), pieces: z.number() })),
    packers,
  ),
  'packing.open': procedure(z.object({ code }).strict(), packingOrder, packers),
  'packing.openBox': procedure(z.object({ orderId: z.string().max(40), boxType: z.string().max(40) }).strict(), z.object({ boxId: z.string() }), packers),
  'packing.scan': procedure(
    z.object({ boxId, code, quantity: numberIn(limits.lotPieces).nullable() }).strict(),
    z.discriminatedUnion('status', [
      z.object({ status: z.literal('packed'), lineNo: z.number(), lotId: z.string(), quantity: z.number() }),
      z.object({ status: z.literal('askQuantity'), lineNo: z.number(), lotId: z.string(), max: z.number() }),
    ]),
    packers,
  ),
  'packing.checkWeight': procedure(
    z.object({ boxId, grams: numberIn(limits.weighedG) }).strict(),
    z.object({ expectedG: z.number(), toleranceG: z.number(), differenceG: z.number(), ok: z.boolean() }),
    packers,
  ),
  'packing.ship': procedure(
    z
      .object({
        boxId,
        service: z.string().trim().min(1).max(80),
        trackingNumber: z.string().trim().max(60).nullable(),
        weighing: weighing.nullable(),
        override: z.object({ reason }).strict().nullable().optional(),
      })
      .strict(),
    z.object({ trackingNumber: z.string(), jobs: z.array(z.object({ jobId: z.string(), template: z.string(), printer: z.string() })), orderStatus: z.string() }),
    packers,
  ),
  'packing.reprint': procedure(z.object({ boxId }).strict(), z.object({ jobs: z.array(z.object({ jobId: z.string(), template: z.string(), printer: z.string() })) }), packers),
  'packing.gs1Prefix': procedure(z.object({}).strict(), z.object({ prefix: z.string().nullable() }), packers),
  'packing.setGs1Prefix': procedure(z.object({ prefix: z.string().max(40) }).strict(), ok, admins),
  'packing.unpack': procedure(z.object({ orderId: z.string().max(40), boxId: boxId.nullable(), reason }).strict(), z.object({ pieces: z.number() }), packers),
  'packing.putAway': procedure(z.object({ lotCode: code, bin: code }).strict(), z.object({ lotId: z.string(), bin: z.string() }), packers),
  'packing.allocate': procedure(
    z.object({ orderId: z.string().max(40), lineNo: z.number().int().positive(), lotCode: code, quantity: z.number().int().min(0).max(100_000), reason }).strict(),
    ok,
    packingSupervisors,
  ),
  'packing.boxTypes': procedure(z.object({}).strict(), z.array(boxType), packers),
  'packing.setBoxType': procedure(
    z.object({ code: z.string().trim().min(1).max(40), name: z.string().trim().min(1).max(80), packagingG: numberIn(limits.boxPackagingG), toleranceG: numberIn(limits.boxToleranceG) }).strict(),
    ok,
    packingSupervisors,
  ),
} as const;
