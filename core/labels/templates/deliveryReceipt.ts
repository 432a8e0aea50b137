import { z } from 'zod';
import { gap, rule, text } from '../blocks';
import { defineTemplate, field } from './define';

// What the artisan takes home: each bag received as a lot, with its count and weight.
export const deliveryReceipt = defineTemplate({
  name: 'delivery-receipt',
  title: 'Delivery receipt',
  printer: 'receipt',
  size: { widthMm: 80, heightMm: null },
  schema: z.strictObject({
    noticeCode: field.text(40),
    artisan: field.text(),
    receivedAt: field.date(),
    clerk: field.text(),
    lines: z
      .array(z.strictObject({ lotId: field.lotId(), designSku: field.sku(), designName: field.text(), quantity: field.quantity(), weightG: field.grams().optional() }))
      .min(1)
      .max(500),
    note: z.string().max(500).optional(),
  }),
  example: {
    noticeCode: 'DN-26-00417',
    artisan: 'Wanjiku Mwangi',
    receivedAt: '2026-11-25 10:12',
    clerk: 'Wanjiru Kamau',
    lines: [
      { lotId: 'L-26-R1-000123', designSku: 'BR-CUF-001', designName: 'Maasai Spiral Cuff', quantity: 120, weightG: 4560 },
      { lotId: 'L-26-R1-000124', designSku: 'BR-EAR-002', designName: 'Kazuri Drop Earrings', quantity: 300, weightG: 1860 },
    ],
    note: 'Asante! Two bags, sealed.',
  },
  blocks: (d) => [
    text('KARAKANA HQ - NAIROBI', { bold: true, align: 'center' }),
    text('DELIVERY RECEIPT / RISITI YA KUPOKEA', { size: 'small', align: 'center' }),
    rule(),
    text(`Notice: ${d.noticeCode}`, { field: 'noticeCode' }),
    text(`Artisan: ${d.artisan}`, { field: 'artisan', maxLines: 2 }),
    text(`Received: ${d.receivedAt}`, { field: 'receivedAt' }),
    text(`Clerk: ${d.clerk}`, { field: 'clerk' }),
    rule(),
    {
      kind: 'table',
      columns: [{ title: 'Lot / design', share: 22, lines: 3 }, { title: 'Qty', share: 6, align: 'right' }, { title: 'Grams', share: 9, align: 'right' }],
      rows: d.lines.map((l) => [`${l.lotId} ${l.designSku} ${l.designName}`, String(l.quantity), l.weightG === undefined ? '' : l.weightG.toFixed(1)]),
      field: 'lines',
    },
    rule(),
    text(`Pieces: ${d.lines.reduce((a, l) => a + l.quantity, 0)}`, { bold: true }),
    ...(d.note ? [text(d.note, { field: 'note', maxLines: 4, size: 'small' as const })] : []),
    { kind: 'barcode', symbology: 'qrcode', data: d.noticeCode, moduleMm: 0.5, align: 'center', field: 'noticeCode' },
    gap(4),
  ],
});
