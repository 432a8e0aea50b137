import type { Delivery } from './delivery';

/** How many (lines or lots) and how many pieces. */
export interface Tally {
  count: number;
  pieces: number;
}

/** What a finished delivery came to, as the clerk is told on F10. */
export interface DeliverySummary {
  /** Lots received on the delivery, lines and unexpected items alike. */
  received: Tally;
  /** Lines that came with fewer pieces than the notice, or none: the pieces missing. */
  short: Tally;
  /** Lines that came with more pieces than the notice (the pieces over), and items it did not list. */
  extra: Tally;
  /** Lots holding pieces in quarantine, and those pieces. */
  quarantined: Tally;
}

const tally = (pieces: number[]): Tally => ({ count: pieces.length, pieces: pieces.reduce((a, b) => a + b, 0) });

export function deliverySummary(delivery: Delivery, lots: { received_qty: number; quarantine: number }[]): DeliverySummary {
  const gaps = delivery.lines.map((l) => (l.receivedQty ?? 0) - l.expected);
  return {
    received: tally(lots.map((l) => l.received_qty)),
    short: tally(gaps.filter((gap) => gap < 0).map((gap) => -gap)),
    extra: tally([...gaps.filter((gap) => gap > 0), ...delivery.extraLots.map((l) => l.quantity)]),
    quarantined: tally(lots.filter((l) => l.quarantine > 0).map((l) => l.quarantine)),
  };
}
