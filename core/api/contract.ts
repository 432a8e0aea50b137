import { z } from 'zod';
import { lotStates } from '../db/schema';
import { limits } from '../numbers/limits';
import { numberIn } from '../numbers/schema';
import { receivingCount, receivingVariance, receivingWeighing } from '../receiving/facts';
import { admins, clerks, roles } from './roles';
import { none, ok, procedure } from './procedure';
import { backupProcedures, backupStatus } from '../backup/contract';
import { supportProcedures } from '../logs/contract';
import { packingProcedures } from '../packing/contract';
import { platingProcedures } from '../plating/contract';
import { printingProcedures } from '../printing/contract';
import { qcProcedures } from '../qc/contract';
import { stationCode } from '../station/code';
import { quarantineProcedures } from '../quarantine/contract';

// The one contract between the UI and the core: every procedure and topic, with its input and
// output schemas and who may call it. Both transports (Electron IPC, HTTP + WebSocket) carry it.

const role = z.enum(roles);
const language = z.enum(['en', 'sw']);
const pin = z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits');
const name = z.string().trim().min(1).max(80);
const username = z.string().trim().min(2).max(32).regex(/^[a-z0-9._-]+$/i, 'Letters, digits, dot, dash, underscore');
const lotState = z.enum(lotStates);

export const user = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(role),
  language,
  disabled: z.boolean(),
});

const station = z.object({ code: z.string(), name: z.string(), demo: z.boolean(), canChangeCode: z.boolean(), sessionIdleMinutes: z.number() });

export const deviceKinds = ['scale', 'label_printer', 'receipt_printer', 'scanner'] as const;
export const deviceDrivers = ['simulated', 'tcp', 'serial', 'hid', 'system', 'keyboard'] as const;
const device = z.object({
  id: z.string(),
  kind: z.enum(deviceKinds),
  name: name,
  driver: z.enum(deviceDrivers),
  address: z.string().trim().max(200),
});
const deviceStatus = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(deviceKinds),
  state: z.enum(['ready', 'offline', 'unknown', 'ignored']),
  detail: z.string(),
});

const errorBody = z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });
/** A hub's link to the cloud as this station last learnt it (null when its upstream is no hub); warning: unlinked for more than a few minutes. */
const hubLink = z
  .object({ linked: z.boolean(), everLinked: z.boolean(), unreachedMs: z.number(), waiting: z.number(), error: errorBody.nullable(), warning: z.boolean() })
  .nullable();

export const status = z.object({
  station,
  sync: z.object({
    enrolled: z.boolean(),
    pending: z.number(),
    oldestPendingAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    error: errorBody.nullable(),
    attention: z.number(),
    clockWarning: z.boolean(),
    hub: hubLink,
    loading: z.object({ cursor: z.number(), head: z.number().nullable(), snapshot: z.object({ received: z.number(), bytes: z.number() }).nullable() }).nullable(),
  }),
  devices: z.array(deviceStatus),
  backup: backupStatus,
  /** A new version downloaded by the desktop app, installed when it is closed (null: none). */
  update: z.object({ readyVersion: z.string().nullable() }),
});

const attentionItem = z.object({
  eventId: z.string(),
  kind: z.enum(['rejected', 'conflict']),
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  at: z.string(),
  lotId: z.string().nullable(),
  event: z.object({ type: z.string(), station: z.string(), seq: z.number(), at: z.string(), userName: z.string(), payload: z.record(z.string(), z.unknown()) }),
  current: z.record(z.string(), z.unknown()).nullable(),
  resolution: z.object({ by: z.string(), at: z.string(), how: z.string() }).nullable(),
});

export const syncDetail = z.object({
  enrolled: z.boolean(),
  upstreamUrl: z.string().nullable(),
  /** Plain http to another machine, allowed at enrollment: the Sync screen warns while it is in use. */
  insecure: z.boolean(),
  enrolledAt: z.string().nullable(),
  pending: z.number(),
  oldestPendingAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: errorBody.nullable(),
  lastErrorAt: z.string().nullable(),
  clockOffsetMs: z.number().nullable(),
  clockWarning: z.boolean(),
  hub: hubLink,
  cursor: z.number(),
  nextAttemptAt: z.string().nullable(),
  attention: z.array(attentionItem),
});
const syncReport = z.object({ pushed: z.number(), rejected: z.number(), pulled: z.number(), held: z.number(), conflicts: z.number(), cursor: z.number(), head: z.number() });
const upstreamUrl = z.string().trim().url().max(300).refine((u) => /^https?:/.test(u), 'http:// or https://');
/** Joining a site: its upstream, the site key a real upstream asks for, and whether plain http to another machine is allowed. */
const joinInput = z.object({ url: upstreamUrl, siteKey: z.string().trim().max(200).optional(), insecureHttp: z.boolean().optional() }).strict();

const lotSortable = z.enum(['id', 'receivedAt', 'design', 'artisan', 'receivedQty']);
export const lotFilters = z.object({
  id: z.string().trim().max(40).optional(),
  design: z.string().trim().max(40).optional(),
  artisan: z.string().trim().max(80).optional(),
  finish: z.string().trim().max(40).optional(),
  state: lotState.optional(),
});
export type LotFilters = z.infer<typeof lotFilters>;

const lotQuantities = z.object(Object.fromEntries(lotStates.map((s) => [s, z.number()])) as Record<(typeof lotStates)[number], z.ZodNumber>);

export const lotRow = z.object({
  id: z.string(),
  designSku: z.string(),
  designName: z.string(),
  artisanId: z.string(),
  artisanName: z.string(),
  finish: z.string(),
  receivedQty: z.number(),
  receivedWeightG: z.number().nullable(),
  receivedAt: z.string(),
  station: z.string(),
  quantities: lotQuantities,
});
export type LotRow = z.infer<typeof lotRow>;

export const lotEvent = z.object({
  id: z.string(),
  type: z.string(),
  station: z.string(),
  seq: z.number(),
  at: z.string(),
  userId: z.string(),
  userName: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** The notice line a lot answered: what the artisan's notice said would come. */
const lotExpected = z.object({ notice: z.string(), line: z.number(), quantity: z.number() });

const sessionInfo = z.object({ token: z.string(), user });

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
export const delivery = z.object({
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


export const procedures = {
  'setup.state': procedure(
    none,
    z.object({ hasUsers: z.boolean(), demo: z.boolean(), station: station.nullable(), loading: z.object({ cursor: z.number(), head: z.number().nullable(), snapshot: z.object({ received: z.number(), bytes: z.number() }).nullable() }).nullable() }),
    'public',
  ),
  'setup.loadDemo': procedure(none, z.object({ users: z.array(z.object({ username: z.string(), pin: z.string(), roles: z.array(role) })) }), 'public'),
  // The station's code and name as the person chose them; without them the upstream hands out the next.
  'setup.joinSite': procedure(joinInput.extend({ stationCode: stationCode.optional(), stationName: name.optional() }), z.object({ code: z.string(), name: z.string() }), 'public'),
  'setup.suggestCode': procedure(joinInput.extend({ letter: z.string().regex(/^[A-Z]$/) }), z.object({ code: z.string().nullable() }), 'public'),
  'setup.createAdmin': procedure(
    z.object({ name, username, pin, stationCode, stationName: name }).strict(),
    ok,
    'public',
  ),
  'session.login': procedure(z.object({ username: z.string().trim().min(1).max(32), pin: z.string().max(16) }).strict(), sessionInfo, 'public'),
  'session.logout': procedure(none, ok, 'session'),
  'session.me': procedure(none, user, 'session'),
  'session.setLanguage': procedure(z.object({ language }).strict(), ok, 'session'),
  'status.get': procedure(none, status, 'session'),
  'scan.resolve': procedure(
    z.object({ code: z.string().max(200) }).strict(),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('lot'), lotId: z.string() }),
      z.object({ kind: z.literal('notice'), code: z.string() }),
      z.object({ kind: z.literal('order'), orderId: z.string() }),
      z.object({ kind: z.literal('batch'), batchId: z.string() }),
    ]),
    'session',
  ),
  'lots.page': procedure(
    z
      .object({
        filters: lotFilters,
        sort: z.object({ by: lotSortable, desc: z.boolean() }),
        offset: z.number().int().min(0).max(50_000_000),
        limit: z.number().int().min(1).max(500),
      })
      .strict(),
    z.object({ rows: z.array(lotRow), hasMore: z.boolean() }),
    'session',
  ),
  'lots.count': procedure(z.object({ filters: lotFilters }).strict(), z.object({ total: z.number() }), 'session'),
  'lots.get': procedure(z.object({ lotId: z.string().max(40) }).strict(), z.object({ lot: lotRow, expected: lotExpected.nullable(), history: z.array(lotEvent) }), 'session'),
  'users.list': procedure(none, z.array(user), admins),
  'users.add': procedure(z.object({ name, username, roles: z.array(role).min(1), pin }).strict(), user, admins),
  // A new PIN may come with a change: one that makes someone an admin or supervisor needs one (7+ digits).
  'users.update': procedure(z.object({ id: z.string(), name, roles: z.array(role).min(1), pin: pin.optional() }).strict(), user, admins),
  'users.resetPin': procedure(z.object({ id: z.string(), pin }).strict(), ok, admins),
  'users.setDisabled': procedure(z.object({ id: z.string(), disabled: z.boolean() }).strict(), user, admins),
  'station.update': procedure(z.object({ name, code: stationCode }).strict(), station, admins),
  'station.setSessionIdle': procedure(z.object({ minutes: z.number().int().min(5).max(720) }).strict(), station, admins),
  'devices.list': procedure(none, z.array(device), ['admin', 'supervisor']),
  'devices.save': procedure(device.omit({ id: true }).extend({ id: z.string().nullable() }).strict(), device, admins),
  'devices.remove': procedure(z.object({ id: z.string() }).strict(), ok, admins),
  'sync.status': procedure(none, syncDetail, 'session'),
  'sync.now': procedure(none, syncReport, 'session'),
  'sync.enroll': procedure(joinInput, syncDetail, ['admin']),
  'sync.resolve': procedure(z.object({ eventId: z.string().max(64), resolution: z.enum(['acknowledge', 'redo']) }).strict(), ok, ['supervisor', 'admin']),
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
  ...qcProcedures,
  ...backupProcedures,
  ...supportProcedures,
  ...quarantineProcedures,
  ...printingProcedures,
  ...packingProcedures,
  ...platingProcedures,
} as const;

export const topics = {
  'scale.reading': scaleReading,
  status,
  'lot.changed': z.object({ lotId: z.string() }),
  'printing.changed': z.object({ jobId: z.string().nullable() }),
} as const;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type Input<N extends ProcedureName> = z.input<Procedures[N]['input']>;
export type ParsedInput<N extends ProcedureName> = z.output<Procedures[N]['input']>;
export type Output<N extends ProcedureName> = z.output<Procedures[N]['output']>;
export type TopicName = keyof typeof topics;
export type TopicPayload<T extends TopicName> = z.output<(typeof topics)[T]>;
export type User = z.output<typeof user>;
export type Status = z.output<typeof status>;
export type SyncDetail = z.output<typeof syncDetail>;
export type Delivery = z.output<typeof delivery>;
export type ArtisanPage = z.output<typeof artisanPage>;
export type LotEvent = z.output<typeof lotEvent>;
export type LotExpected = z.output<typeof lotExpected>;
export type DeviceKind = (typeof deviceKinds)[number];
