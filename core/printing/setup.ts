import { AppError } from '../kernel/errors';
import type { Db } from '../db/schema';
import { isDemoStation, usableAt } from '../devices/usable';
import type { LabelTarget } from '../labels';
import type { DeviceConfig } from '../station/service';
import type { PrinterJob } from './events';

/** Which printer does one job at this station, and how its media is set up. */
export interface PrinterSetup {
  job: PrinterJob;
  device: DeviceConfig;
  target: LabelTarget;
}

export function targetOf(row: { language: 'zpl' | 'escpos'; dpi: 203 | 300; width_mm: number | null; height_mm: number | null; offset_x_mm: number; offset_y_mm: number; darkness: number | null }): LabelTarget {
  return {
    language: row.language,
    dpi: row.dpi,
    ...(row.width_mm !== null ? { widthMm: row.width_mm } : {}),
    ...(row.height_mm !== null ? { heightMm: row.height_mm } : {}),
    offsetXMm: row.offset_x_mm,
    offsetYMm: row.offset_y_mm,
    ...(row.darkness !== null ? { darkness: row.darkness } : {}),
  };
}

/** The printer set up for a job; a clear error when there is none (the job waits, kept). */
export async function printerFor(db: Db, job: PrinterJob): Promise<PrinterSetup> {
  const row = await db
    .selectFrom('printer_setups as p')
    .innerJoin('devices as d', 'd.id', 'p.device_id')
    .select(['p.job', 'p.language', 'p.dpi', 'p.width_mm', 'p.height_mm', 'p.offset_x_mm', 'p.offset_y_mm', 'p.darkness', 'd.id', 'd.kind', 'd.name', 'd.driver', 'd.address'])
    .where('p.job', '=', job)
    .executeTakeFirst();
  if (!row || !usableAt(await isDemoStation(db), row)) throw new AppError('printing.noPrinter', `No printer at this station prints ${job} jobs: set one up under Devices`, { job });
  return {
    job,
    device: { id: row.id, kind: row.kind as DeviceConfig['kind'], name: row.name, driver: row.driver as DeviceConfig['driver'], address: row.address },
    target: targetOf(row),
  };
}
