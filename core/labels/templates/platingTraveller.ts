import { z } from 'zod';
import { gap, rule, text } from '../blocks';
import { dayTime, defineTemplate, field } from './define';

// Travels with a plating batch from the rack to the check: its lots, recipe and planned times.
// Data as the plating board queues it (core/plating/run.ts).
export const platingTraveller = defineTemplate({
  name: 'plating-traveller',
  title: 'Plating batch traveller',
  printer: 'receipt',
  size: { widthMm: 80, heightMm: null },
  schema: z.strictObject({
    batchId: field.code(),
    /** The code to print as the barcode; the batch id when not given. */
    barcode: field.code().optional(),
    line: field.text(),
    finish: field.finish(),
    plannedStart: field.date(),
    plannedEnd: field.date(),
    // The plating feature's recipe record: read for what the operator needs, other keys allowed.
    recipe: z.looseObject({ metal: z.string().max(20), thicknessUm: z.number().min(0).max(100), currentDensity: z.number().min(0).max(100), bathMinutes: z.number().min(0).max(10_000).optional() }).nullable(),
    expectedMetalG: z.number().min(0).max(1_000_000).optional(),
    lots: z.array(z.strictObject({ lotId: field.lotId(), designSku: field.sku(), designName: field.text().optional(), pieces: field.quantity() })).min(1).max(500),
    pieces: field.quantity().optional(),
  }),
  example: {
    batchId: 'PB-26-0042',
    line: 'Gold line 1',
    finish: 'gold-1.0',
    plannedStart: '2026-11-25T06:40:00.000Z',
    plannedEnd: '2026-11-25T07:10:00.000Z',
    recipe: { metal: 'gold', thicknessUm: 1, currentDensity: 0.5, bathMinutes: 18.2 },
    expectedMetalG: 2.41,
    lots: [
      { lotId: 'L-26-R1-000123', designSku: 'BR-CUF-001', designName: 'Maasai Spiral Cuff', pieces: 40 },
      { lotId: 'L-26-R1-000131', designSku: 'BR-EAR-002', designName: 'Kazuri Drop Earrings', pieces: 120 },
    ],
    pieces: 160,
  },
  blocks: (d) => [
    text('PLATING BATCH', { size: 'large', bold: true, align: 'center' }),
    { kind: 'barcode', symbology: 'code128', data: d.barcode ?? d.batchId, heightMm: 10, moduleMm: 0.25, align: 'center', field: 'batchId' },
    text(d.batchId, { align: 'center', field: 'batchId' }),
    rule(),
    text(`Line: ${d.line}`, { field: 'line', maxLines: 2 }),
    text(`Finish: ${d.finish}`, { field: 'finish' }),
    ...(d.recipe
      ? [
          text(`Recipe: ${d.recipe.metal} ${d.recipe.thicknessUm} µm at ${d.recipe.currentDensity} A/dm²`, { field: 'recipe', maxLines: 2 }),
          ...(d.recipe.bathMinutes === undefined ? [] : [text(`Time in bath: ${d.recipe.bathMinutes} min`)]),
        ]
      : []),
    ...(d.expectedMetalG === undefined ? [] : [text(`Metal expected: ${d.expectedMetalG.toFixed(2)} g`)]),
    text(`Planned: ${dayTime(d.plannedStart)} - ${dayTime(d.plannedEnd).slice(-5)}`, { field: 'plannedStart' }),
    rule(),
    {
      kind: 'table',
      columns: [{ title: 'Lot', share: 16 }, { title: 'Design', share: 12 }, { title: 'Pcs', share: 6, align: 'right' }],
      rows: d.lots.map((l) => [l.lotId, l.designSku, String(l.pieces)]),
      field: 'lots',
    },
    rule(),
    text(`Pieces: ${d.pieces ?? d.lots.reduce((a, l) => a + l.pieces, 0)}`, { bold: true }),
    gap(4),
  ],
});
