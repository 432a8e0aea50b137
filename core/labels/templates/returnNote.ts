import { z } from 'zod';
import { gap, rule, text } from '../blocks';
import { defineTemplate, field } from './define';

// Pieces going back to the artisan (rejected at QC), with the reason for each lot.
export const returnNote = defineTemplate({
  name: 'return-note',
  title: 'Return note',
  printer: 'receipt',
  size: { widthMm: 80, heightMm: null },
  schema: z.strictObject({
    noteId: field.code(),
    artisan: field.text(),
    date: field.date(),
    clerk: field.text(),
    lines: z.array(z.strictObject({ lotId: field.lotId(), designSku: field.sku(), quantity: field.quantity(), reason: field.text(300) })).min(1).max(500),
  }),
  example: {
    noteId: 'RN-26-0009',
    artisan: 'Otieno Ouma',
    date: '2026-11-25',
    clerk: 'Otieno Achieng',
    lines: [{ lotId: 'L-26-R1-000125', designSku: 'BR-RNG-007', quantity: 6, reason: 'Cracked solder joint on the band' }],
  },
  blocks: (d) => [
    text('KARAKANA HQ - NAIROBI', { bold: true, align: 'center' }),
    text('RETURN NOTE / HATI YA KURUDISHA', { size: 'small', align: 'center' }),
    { kind: 'barcode', symbology: 'code128', data: d.noteId, heightMm: 8, moduleMm: 0.25, align: 'center', field: 'noteId' },
    text(d.noteId, { align: 'center', field: 'noteId' }),
    rule(),
    text(`Artisan: ${d.artisan}`, { field: 'artisan', maxLines: 2 }),
    text(`Date: ${d.date}`, { field: 'date' }),
    text(`Checked by: ${d.clerk}`, { field: 'clerk' }),
    rule(),
    {
      kind: 'table',
      columns: [{ title: 'Lot / reason', share: 30, lines: 4 }, { title: 'Qty', share: 6, align: 'right' }],
      rows: d.lines.map((l) => [`${l.lotId} ${l.designSku}: ${l.reason}`, String(l.quantity)]),
      field: 'lines',
    },
    rule(),
    text(`Pieces returned: ${d.lines.reduce((a, l) => a + l.quantity, 0)}`, { bold: true }),
    gap(3),
    text('Received by: ____________________', { size: 'small' }),
    gap(4),
  ],
});
