import type { Generated, Kysely, Transaction } from 'kysely';

// Row types of the station store. JSON columns are TEXT holding JSON; parse at the edge.

export const lotStates = [
  'in_qc',
  'quarantine',
  'rework',
  'refining',
  'plating',
  'finished',
  'packed',
  'shipped',
  'returned',
  'scrapped',
] as const;
export type LotState = (typeof lotStates)[number];

type LotQuantities = { [S in LotState]: number };

export interface StationTable {
  id: number;
  code: string;
  name: string;
  demo: number;
  next_lot_number: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  name: string;
  roles: string;
  pin_hash: string;
  language: string;
  disabled: number;
  failed_pins: Generated<number>;
  locked_until: string | null;
}

export interface SessionTable {
  token: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
}

export interface ArtisanTable {
  id: string;
  name: string;
  phone: string;
  region: string;
  joined_on: string;
}

export interface DesignTable {
  sku: string;
  name: string;
  materials: string;
  finishes: string;
  unit_weight_g: number;
  weight_tolerance_pct: number;
  plating_area_cm2: number;
  qc_checklist: string;
}

export interface ArtisanOrderTable {
  id: string;
  artisan_id: string;
  design_sku: string;
  finish: string;
  quantity: number;
  unit_price_kes: number;
  due_on: string;
  status: string;
}

export interface DeliveryNoticeTable {
  code: string;
  artisan_id: string;
  sent_at: string;
  status: string;
  received_by: string | null;
  received_at: string | null;
}

export interface DeliveryNoticeLineTable {
  notice_code: string;
  line_no: number;
  artisan_order_id: string;
  design_sku: string;
  quantity: number;
  received_lot_id: string | null;
}

export interface CustomerOrderTable {
  id: string;
  customer: string;
  country: string;
  ship_to: string;
  service: string;
  currency: string;
  due_on: string;
  status: string;
}

export interface CustomerOrderLineTable {
  order_id: string;
  line_no: number;
  design_sku: string;
  finish: string;
  quantity: number;
  unit_price_minor: number;
}

export interface PlatingLineTable {
  id: string;
  name: string;
  finishes: string;
  capacity_dm2: number;
  max_pieces: number;
}

export interface SiteStationTable {
  code: string;
  name: string;
  desk: string;
}

export interface DeviceTable {
  id: string;
  kind: string;
  name: string;
  driver: string;
  address: string;
}

export interface LotTable extends LotQuantities {
  id: string;
  design_sku: string;
  artisan_id: string;
  finish: string;
  delivery_code: string | null;
  received_qty: number;
  received_weight_g: number | null;
  received_at: string;
  received_by: string;
  station: string;
  updated_at: string;
  artisan_order_id: string | null;
}

export interface EventTable {
  id: string;
  station: string;
  seq: number;
  type: string;
  lot_id: string | null;
  payload: string;
  user_id: string;
  at: string;
  upstream_seq: number | null;
  status: Generated<EventStatus>;
  local: Generated<number>;
  parent_seq: number | null;
}

export type EventStatus = 'applied' | 'rejected' | 'held';

export interface SyncStateTable {
  id: number;
  upstream_url: string;
  upstream_id: string;
  token: string;
  cursor: number;
  enrolled_at: string;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  clock_offset_ms: number | null;
}

export interface SyncAttentionTable {
  event_id: string;
  kind: 'rejected' | 'conflict';
  reason: string;
  params: string;
  current: string | null;
  at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution: string | null;
}

export interface UpstreamMetaTable {
  id: number;
  upstream_id: string;
  demo: number;
  created_at: string;
}

export interface UpstreamStationTable {
  code: string;
  name: string;
  token_hash: string;
  enrolled_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  relay: Generated<number>;
}

export interface UpstreamParentTable {
  id: number;
  url: string;
  upstream_id: string;
  code: string;
  token: string;
  cursor: number;
  last_success_at: string | null;
  last_error: string | null;
}

export interface PrintJobTable {
  id: string;
  template: string;
  printer: 'label' | 'receipt' | 'shipping';
  data: string;
  lot_id: string | null;
  state: Generated<'queued' | 'sent' | 'confirmed' | 'failed'>;
  attempts: Generated<number>;
  station: string;
  created_by: string;
  created_at: string;
}

export interface DB {
  station: StationTable;
  users: UserTable;
  sessions: SessionTable;
  artisans: ArtisanTable;
  designs: DesignTable;
  artisan_orders: ArtisanOrderTable;
  delivery_notices: DeliveryNoticeTable;
  delivery_notice_lines: DeliveryNoticeLineTable;
  customer_orders: CustomerOrderTable;
  customer_order_lines: CustomerOrderLineTable;
  plating_lines: PlatingLineTable;
  site_stations: SiteStationTable;
  devices: DeviceTable;
  lots: LotTable;
  events: EventTable;
  sync_state: SyncStateTable;
  sync_attention: SyncAttentionTable;
  upstream_meta: UpstreamMetaTable;
  upstream_stations: UpstreamStationTable;
  print_jobs: PrintJobTable;
  upstream_parent: UpstreamParentTable;
}

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
