import { z } from 'zod';
import { gap, rule, text } from '../blocks';
import { defineTemplate, field } from './define';

// Travels with a plating batch from the line to QC: which lots, which finish, how long in the tank.
export const platingTraveller = defineTemplate({
  name: 'plating-traveller',
  title: 'Plating batch traveller',
  printer: 'receipt',
  size: { widthMm: 80, heightMm: null },
  schema: z.strictObject({
    batchId: field.text(40),
    line: field.text(),
    finish: field.finish(),
    thicknessUm: z.number().min(0).max(100).optional(),
    minutes: z.number().min(0).max(10_000).optional(),
    operator: field.text(),
    startedAt: field.date(),
    lots: z.array(z.strictObject({ lotId: field.lotId(), designSku: field.sku(), quantity: field.quantity() })).min(1).max(500),
  }),
  example: {
    batchId: 'PB-26-0042',
    line: 'Gold line 1',
    finish: 'gold-1.0',
    thicknessUm: 1,
    minutes: 18,
    operator: 'Kiprop Langat',
    startedAt: '2026-11-25 09:40',
    lots: [
      { lotId: 'L-26-R1-000123', designSku: 'BR-CUF-001', quantity: 40 },
      { lotId: 'L-26-R1-000131', designSku: 'BR-EAR-002', quantity: 120 },
    ],
  },
  blocks: (d) => [
    text('PLATING BATCH', { size: 'large', bold: true, align: 'center' }),
    { kind: 'barcode', symbology: 'code128', data: d.batchId, heightMm: 10, moduleMm: 0.25, align: 'center', field: 'batchId' },
    text(d.batchId, { align: 'center', field: 'batchId' }),
    rule(),
    text(`Line: ${d.line}`, { field: 'line', maxLines: 2 }),
    text(`Finish: ${d.finish}${d.thicknessUm === undefined ? '' : ` (${d.thicknessUm} µm)`}`, { field: 'finish' }),
    ...(d.minutes === undefined ? [] : [text(`Time in tank: ${d.minutes} min`)]),
    text(`Operator: ${d.operator}`, { field: 'operator' }),
    text(`Started: ${d.startedAt}`, { field: 'startedAt' }),
    rule(),
    { kind: 'table', columns: [{ title: 'Lot', share: 16 }, { title: 'Design', share: 12 }, { title: 'Qty', share: 6, align: 'right' }], rows: d.lots.map((l) => [l.lotId, l.designSku, String(l.quantity)]), field: 'lots' },
    rule(),
    text(`Pieces: ${d.lots.reduce((a, l) => a + l.quantity, 0)}`, { bold: true }),
    gap(4),
  ],
});
