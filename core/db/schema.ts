import type { Generated, Kysely, Selectable, Transaction } from 'kysely';

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
  session_idle_minutes: Generated<number>;
  backup_folder: string | null;
  backup_interval_minutes: Generated<number>;
  backup_keep: Generated<number>;
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
  /** Swahili, where the platform publishes it; null: read the English. */
  name_sw: string | null;
  /** JSON list, as qc_checklist; null where the platform published none. */
  qc_checklist_sw: string | null;
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
  handling_minutes: Generated<number>;
  changeover_minutes: Generated<string>;
  bath_efficiency: Generated<string>;
}

export interface PlatingRecipeTable {
  finish: string;
  metal: 'gold' | 'silver';
  base: 'brass' | 'sterling';
  thickness_um: number;
  current_density: number;
  efficiency: number;
}

export interface RefinementStationTable {
  id: string;
  name: string;
  step: 'polish' | 'tumble' | 'clean';
  capacity_pieces: number;
  minutes_per_load: number;
}

export interface PlatingCalendarTable {
  id: number;
  time_zone: string;
  shifts: string;
  closed: string;
}

export interface MetalLossNormTable {
  step: string;
  norm_pct: number;
}

export interface PlatingPlanTable {
  id: number;
  version: number;
  changed_at: string;
  changed_by: string;
}

export interface PlatingBatchTable {
  id: string;
  line_id: string;
  finish: string;
  start_at: string;
  end_at: string;
  locked: Generated<number>;
  state: Generated<'planned' | 'running' | 'done'>;
  started_at: string | null;
  started_by: string | null;
  finished_at: string | null;
  finished_by: string | null;
  gold_used_g: number | null;
  expected_metal_g: Generated<number>;
  /** Schema 19: why a supervisor let gold used far from Faraday's expectation stand, and who. */
  metal_override_reason: string | null;
  metal_override_by: string | null;
}

export interface PlatingBatchItemTable {
  batch_id: string;
  lot_id: string;
  pieces: number;
  checked: Generated<number>;
}

export interface PlatingReadingTable {
  id: string;
  batch_id: string;
  kind: 'bath' | 'xrf';
  temperature_c: number | null;
  current_a: number | null;
  minutes: number | null;
  sample: number | null;
  thickness_um: number | null;
  at: string;
  by: string;
}

export interface MetalWeighingTable {
  id: string;
  lot_id: string;
  batch_id: string | null;
  step: 'refining' | 'plating';
  direction: 'in' | 'out';
  pieces: number;
  grams: number;
  at: string;
  by: string;
}

export interface RefinementProgressTable {
  lot_id: string;
  step: string;
  pieces: number;
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
  /** QC decisions made on this lot so far (core/qc): the round the next decision answers. */
  qc_round: Generated<number>;
}

export type Lot = Selectable<LotTable>;

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
  snapshot_id: string | null;
  snapshot_bytes: number | null;
  snapshot_sha256: string | null;
  snapshot_seq: number | null;
  history_cursor: number | null;
  /** JSON: the hub's link to the cloud as the hub last told this station (null: not a hub). */
  upstream_link: string | null;
}

export interface SyncSnapshotPartTable {
  offset: number;
  data: Uint8Array;
}

export interface SyncSnapshotLotTable {
  id: string;
  row: string;
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

export interface UpstreamHubKeyTable {
  code: string;
  name: string;
  key_hash: string;
  issued_at: string;
  used_at: string | null;
}

/** A station code bound to the hub that relays it (upstream/authority.ts). */
export interface UpstreamRelayedTable {
  code: string;
  hub: string;
  bound_at: string;
}

export interface UpstreamParentTable {
  id: number;
  url: string;
  upstream_id: string;
  code: string;
  token: string;
  cursor: number;
}

/** The HQ hub's link to its own upstream, from its first attempt on (migration 20). */
export interface UpstreamLinkTable {
  id: number;
  url: string;
  started_at: string;
  last_push_at: string | null;
  last_pull_at: string | null;
  /** Events here that the upstream has not taken yet, as the last round counted them. */
  waiting: Generated<number>;
  /** JSON: the last round's error (code, message, params), null once a round succeeds. */
  last_error: string | null;
  last_error_at: string | null;
}

export interface PrintJobTable {
  id: string;
  template: string;
  printer: 'label' | 'receipt' | 'shipping';
  data: string;
  lot_id: string | null;
  state: Generated<PrintJobState>;
  attempts: Generated<number>;
  station: string;
  created_by: string;
  created_at: string;
  reprint_of: Generated<string | null>;
  reprinted_as: Generated<string | null>;
  device_id: Generated<string | null>;
  bytes_hash: Generated<string | null>;
  last_error: Generated<string | null>;
  next_attempt_at: Generated<string | null>;
  sent_at: Generated<string | null>;
  settled_at: Generated<string | null>;
  settled_by: Generated<string | null>;
}

export type PrintJobState = 'queued' | 'sent' | 'confirmed' | 'failed' | 'unknown' | 'cancelled';

export interface PrinterSetupTable {
  job: 'label' | 'receipt' | 'shipping';
  device_id: string;
  language: 'zpl' | 'escpos';
  dpi: 203 | 300;
  width_mm: number | null;
  height_mm: number | null;
  offset_x_mm: Generated<number>;
  offset_y_mm: Generated<number>;
  darkness: number | null;
}

export interface LotBinTable {
  lot_id: string;
  bin: string;
  put_by: string;
  put_at: string;
}

export interface AllocationPinTable {
  lot_id: string;
  order_id: string;
  line_no: number;
  quantity: number;
  reason: string;
  set_by: string;
  set_at: string;
}

/** A run (`batch:ID`, `box:ID`) a lot's pieces went with, once. */
export interface LotRunTable {
  lot_id: string;
  run: string;
}

/** A lot check its batch counted (plating.lotChecked, by its event): what lets its pieces move. */
export interface PlatingCheckTable {
  event_id: string;
  batch_id: string;
  lot_id: string;
}

export interface BoxTypeTable {
  code: string;
  name: string;
  packaging_g: number;
  tolerance_g: number;
}

export interface BoxTable {
  id: string;
  order_id: string;
  box_type: string;
  status: 'open' | 'shipped';
  opened_by: string;
  opened_at: string;
  station: string;
  service: string | null;
  tracking_number: string | null;
  weight_g: number | null;
  shipped_by: string | null;
  shipped_at: string | null;
  /** The packing.shipped event that shipped it (schema 11; null for a box shipped before). */
  shipped_event: string | null;
  /** Schema 21: its SSCC, and the shipping station's serial behind it (null: shipped without one). */
  sscc: string | null;
  sscc_station: string | null;
  sscc_serial: number | null;
  /** A supervisor's override: shipped at a weight outside its tolerance, and why. */
  override_reason: string | null;
  override_by: string | null;
  override_at: string | null;
}

export interface PackingSettingsTable {
  id: number;
  /** The company's GS1 company prefix (7 to 10 digits), for SSCCs. */
  gs1_prefix: string;
}

export interface PackedItemTable {
  id: string;
  box_id: string;
  order_id: string;
  line_no: number;
  lot_id: string;
  quantity: number;
  packed_by: string;
  packed_at: string;
}

export interface CarrierLabelTable {
  tracking_number: string;
  order_id: string;
  carrier: string;
  service: string;
  zpl: string;
  box_id: string | null;
}

export interface QcSettingsTable {
  id: number;
  major_aql: number;
  minor_aql: number;
  level: string;
  first_lots: number;
}

export interface QcDesignSettingsTable {
  design_sku: string;
  major_aql: number | null;
  minor_aql: number | null;
  level: string | null;
  length_mm: number | null;
  length_tolerance_mm: number | null;
  image_url: string | null;
}

export interface QcDefectCodeTable {
  code: string;
  material: string;
  class: 'critical' | 'major' | 'minor';
  name_en: string;
  name_sw: string;
  key: string;
  active: Generated<number>;
}

export interface QcInspectionTable {
  id: string;
  lot_id: string;
  round: number;
  lot_size: number;
  mode: string;
  plan: string;
  started_at: string;
  started_by: string;
  station: string;
}

export interface QcEntryTable {
  id: string;
  inspection_id: string;
  piece: number;
  code: string | null;
  class: 'critical' | 'major' | 'minor' | null;
  measure: 'weight' | 'length' | null;
  value: number | null;
  at: string;
  user_id: string;
  removed: Generated<number>;
}

export interface QcPhotoTable {
  id: string;
  inspection_id: string;
  piece: number;
  jpeg: string;
  at: string;
  user_id: string;
}

export interface QcDecisionTable {
  lot_id: string;
  round: number;
  inspection_id: string;
  event_id: string;
  artisan_id: string;
  design_sku: string;
  at: string;
  user_id: string;
  verdict: 'accept' | 'reject';
  computed: 'accept' | 'reject';
  override_reason: string | null;
  disposition: 'refining' | 'return' | 'sort' | 'rework';
  quantity: number;
  sample_size: number;
  mode: string;
  critical: number;
  major: number;
  minor: number;
  switching: string;
  sorted_good: number | null;
  sorted_bad: number | null;
  bad_to: string | null;
  sort_event_id: string | null;
  sorted_at: string | null;
}

export interface QcSwitchingActionTable {
  id: string;
  artisan_id: string;
  design_sku: string;
  kind: 'approveReduced' | 'restart';
  reason: string | null;
  at: string;
  user_id: string;
}

export interface QcSwitchingTable {
  artisan_id: string;
  design_sku: string;
  state: string;
  mode: string;
  updated_at: string;
  /** The last step folded into state (time, then id); null until the pair is next folded whole. */
  folded_at: string | null;
  folded_id: string | null;
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
  plating_recipes: PlatingRecipeTable;
  refinement_stations: RefinementStationTable;
  plating_calendar: PlatingCalendarTable;
  metal_loss_norms: MetalLossNormTable;
  plating_plan: PlatingPlanTable;
  plating_batches: PlatingBatchTable;
  plating_batch_items: PlatingBatchItemTable;
  plating_readings: PlatingReadingTable;
  metal_weighings: MetalWeighingTable;
  refinement_progress: RefinementProgressTable;
  site_stations: SiteStationTable;
  devices: DeviceTable;
  lots: LotTable;
  events: EventTable;
  sync_state: SyncStateTable;
  sync_attention: SyncAttentionTable;
  sync_snapshot_parts: SyncSnapshotPartTable;
  sync_snapshot_lots: SyncSnapshotLotTable;
  upstream_meta: UpstreamMetaTable;
  upstream_stations: UpstreamStationTable;
  upstream_relayed: UpstreamRelayedTable;
  upstream_hub_keys: UpstreamHubKeyTable;
  print_jobs: PrintJobTable;
  lot_bins: LotBinTable;
  allocation_pins: AllocationPinTable;
  lot_runs: LotRunTable;
  plating_checks: PlatingCheckTable;
  box_types: BoxTypeTable;
  boxes: BoxTable;
  packing_settings: PackingSettingsTable;
  packed_items: PackedItemTable;
  carrier_labels: CarrierLabelTable;
  printer_setups: PrinterSetupTable;
  upstream_parent: UpstreamParentTable;
  upstream_link: UpstreamLinkTable;
  qc_settings: QcSettingsTable;
  qc_design_settings: QcDesignSettingsTable;
  qc_defect_codes: QcDefectCodeTable;
  qc_inspections: QcInspectionTable;
  qc_entries: QcEntryTable;
  qc_photos: QcPhotoTable;
  qc_decisions: QcDecisionTable;
  qc_switching_actions: QcSwitchingActionTable;
  qc_switching: QcSwitchingTable;
}

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
