import type { Db } from '../db/schema';
import type { EventPayload } from '../events/define';
import type { printerSet } from './events';

/** The demo station's simulated printers: lot labels and shipping labels in ZPL, receipts in ESC/POS on 80 mm. */
export function demoPrinterSetups(labelPrinter: string, receiptPrinter: string): EventPayload<typeof printerSet>[] {
  const zpl = { language: 'zpl', dpi: 203, offsetXMm: 0, offsetYMm: 0, darkness: 15 } as const;
  return [
    { job: 'label', deviceId: labelPrinter, widthMm: 50, heightMm: 25, ...zpl },
    { job: 'shipping', deviceId: labelPrinter, widthMm: 101.6, heightMm: 152.4, ...zpl },
    { job: 'receipt', deviceId: receiptPrinter, language: 'escpos', dpi: 203, widthMm: 80, heightMm: null, offsetXMm: 0, offsetYMm: 0, darkness: null },
  ];
}

/** The labels and receipts of the demo's made-up past printed when that past happened: a new demo station starts with an empty queue. */
export async function settleDemoPrints(db: Db): Promise<void> {
  await db.updateTable('print_jobs').set((eb) => ({ state: 'confirmed', sent_at: eb.ref('created_at') })).where('state', '=', 'queued').execute();
}
