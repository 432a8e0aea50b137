import type { sqlite3 } from '../../db/dialect';
import { lotStates, type LotState } from '../../db/schema';
import type { Random } from '../../demo/random';
import { formatLotId, nairobiYear } from '../../lots/lotId';
import { BulkWriter } from './bulkInsert';
import { eventColumns, eventRow, type LogEvent, type LogPosition } from './eventLog';
import { EventQueue } from './eventQueue';
import { walkLot } from './lotHistory';
import type { ReferenceData } from './referenceData';
import { run } from './rawSql';

const hour = 3_600_000;
const day = 24 * hour;
/** A lot's whole history fits in this many days, so lots received up to then before `to` finish by `to`. */
const historyDays = 30;
const lotColumns = [
  'id', 'design_sku', 'artisan_id', 'finish', 'delivery_code', 'received_qty', 'received_weight_g',
  'received_at', 'received_by', 'station', 'updated_at', ...lotStates,
] as const;
const asideReasons = ['Casting porosity', 'Scratched surface', 'Wrong colour', 'Cracked horn', 'Loose clasp'];

export interface HistoryPlan {
  lots: number;
  /** Events to append, at least one per lot (its lot.received). */
  events: number;
  from: Date;
  to: Date;
  /** This store's station first; the others' lots came down from upstream. */
  stations: readonly string[];
  /** Next lot number per station, as the store holds it now. */
  nextLotNumber: Record<string, number>;
  /** Where the log stands; advanced as events are appended. */
  position: LogPosition;
  users: { receiver: string; inspector: string; operator: string; packer: string; supervisor: string };
}

function moverFor(from: LotState, users: HistoryPlan['users']): string {
  // Pieces leave quarantine by a supervisor's decision alone (lotMoved's authority).
  if (from === 'quarantine') return users.supervisor;
  if (from === 'in_qc' || from === 'rework') return users.inspector;
  return from === 'finished' || from === 'packed' ? users.packer : users.operator;
}

/**
 * Appends `plan.lots` lots with their lot.received and lot.moved events, exactly `plan.events`
 * events in all. Each lots row holds the counts its own events leave, so the store is what
 * replaying the log through the projections would give.
 */
export async function insertSyntheticHistory(
  raw: sqlite3.Database,
  random: Random,
  reference: ReferenceData,
  plan: HistoryPlan,
  onProgress: (done: number) => void,
): Promise<void> {
  const writer = await BulkWriter.begin(raw);
  const lots = writer.table('lots', lotColumns);
  const events = writer.table('events', eventColumns);
  const queue = new EventQueue();
  const nextLotNumber = { ...plan.nextLotNumber };
  const home = plan.stations[0];
  const unsyncedAfter = plan.to.getTime() - day;
  // Other desks' events came down from upstream; only this desk's last day waits to be pushed.
  const append = (e: LogEvent) => events.add(eventRow(plan.position, e, e.station === home, e.station !== home || e.at <= unsyncedAfter));

  const moves = plan.events - plan.lots;
  // Moves per lot vary by ±mean around the running share, so the total comes out exact.
  const spread = Math.floor(moves / plan.lots);
  let movesMade = 0;
  const span = plan.to.getTime() - historyDays * day - plan.from.getTime();
  for (let i = 0; i < plan.lots; i++) {
    const share = Math.round((moves * (i + 1)) / plan.lots) - movesMade;
    const moveCount = Math.max(0, share + (i === plan.lots - 1 ? 0 : random.int(-spread, spread)));
    movesMade += moveCount;

    const receivedAt = Math.floor(plan.from.getTime() + (span * (i + random.next())) / plan.lots);
    for (const e of queue.takeUntil(receivedAt)) append(e);

    const station = random.pick(plan.stations);
    const number = nextLotNumber[station] ?? 1;
    nextLotNumber[station] = number + 1;
    const lotId = formatLotId({ year: nairobiYear(new Date(receivedAt)), station, number });
    const design = random.pick(reference.designs);
    const artisanId = random.pick(reference.artisanIds);
    const finish = random.pick(design.finishes);
    const quantity = random.int(1, 12) * 10;
    const weightG = Math.round(quantity * design.unitWeightG * (1 + (random.next() - 0.5) * 0.04) * 10) / 10;
    const history = walkLot(random, quantity, moveCount);

    // Payload keys in the order the event schemas parse them, as record() would store them.
    const received = { lotId, designSku: design.sku, artisanId, finish, deliveryCode: null, quantity, weightG, state: history.start };
    queue.push({ at: receivedAt, station, type: 'lot.received', lotId, payload: JSON.stringify(received), userId: plan.users.receiver });
    const maxGap = Math.min(48 * hour, (historyDays * day) / Math.max(1, moveCount));
    let at = receivedAt;
    for (const move of history.moves) {
      at += random.int(10 * 60_000, maxGap);
      const reason = move.to === 'returned' || move.to === 'scrapped' || move.to === 'rework' ? random.pick(asideReasons) : null;
      const payload = JSON.stringify({ lotId, from: move.from, to: move.to, quantity: move.quantity, reason });
      queue.push({ at, station, type: 'lot.moved', lotId, payload, userId: moverFor(move.from, plan.users) });
    }
    const receivedIso = new Date(receivedAt).toISOString();
    lots.add([lotId, design.sku, artisanId, finish, null, quantity, weightG, receivedIso, plan.users.receiver, station, new Date(at).toISOString(), ...lotStates.map((s) => history.final[s])]);

    await writer.commitIfFull();
    onProgress(i + 1);
  }
  for (const e of queue.takeUntil(Infinity)) append(e);
  await writer.finish();
  if (movesMade !== moves) throw new Error(`Seeding made ${movesMade} moves, not ${moves}`);
  await run(raw, 'UPDATE station SET next_lot_number = ?', [nextLotNumber[home!]]);
}
