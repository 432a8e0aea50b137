import { z } from 'zod';
import { gap, rule, text } from '../blocks';
import { dayTime, defineTemplate, field } from './define';

// What the artisan takes home: each bag received as a lot, its count and weight, what waits for
// QC or was quarantined, and what the notice promised but did not come. Data as receiving queues it.
export const deliveryReceipt = defineTemplate({
  name: 'delivery-receipt',
  title: 'Delivery receipt',
  printer: 'receipt',
  size: { widthMm: 80, heightMm: null },
  schema: z.strictObject({
    delivery: field.code(),
    artisan: field.text(),
    clerk: field.text(),
    at: field.date(),
    lots: z
      .array(
        z.strictObject({
          lotId: field.lotId(),
          designSku: field.sku(),
          finish: field.finish(),
          pieces: field.quantity(),
          grams: field.grams().nullable(),
          pendingQc: field.quantity(),
          quarantine: field.quantity(),
        }),
      )
      .min(1)
      .max(500),
    notDelivered: z.array(z.strictObject({ line: z.number().int().min(0), designSku: field.sku(), expected: field.quantity() })).max(500).default([]),
  }),
  example: {
    delivery: 'DN-26-00417',
    artisan: 'Wanjiku Mwangi',
    clerk: 'Wanjiru Kamau',
    at: '2026-11-25T07:12:00.000Z',
    lots: [
      { lotId: 'L-26-R1-000123', designSku: 'BR-CUF-001', finish: 'gold-1.0', pieces: 120, grams: 4560, pendingQc: 120, quarantine: 0 },
      { lotId: 'L-26-R1-000124', designSku: 'BR-EAR-002', finish: 'polished', pieces: 300, grams: 1860.4, pendingQc: 290, quarantine: 10 },
    ],
    notDelivered: [{ line: 3, designSku: 'HN-PEN-003', expected: 50 }],
  },
  blocks: (d) => [
    text('KARAKANA HQ - NAIROBI', { bold: true, align: 'center' }),
    text('DELIVERY RECEIPT / RISITI YA KUPOKEA', { size: 'small', align: 'center' }),
    rule(),
    text(`Delivery: ${d.delivery}`, { field: 'delivery' }),
    text(`Artisan: ${d.artisan}`, { field: 'artisan', maxLines: 2 }),
    text(`Received: ${dayTime(d.at)}`, { field: 'at' }),
    text(`Clerk: ${d.clerk}`, { field: 'clerk' }),
    rule(),
    {
      kind: 'table',
      columns: [{ title: 'Lot / design', share: 22, lines: 3 }, { title: 'Pcs', share: 6, align: 'right' }, { title: 'Grams', share: 9, align: 'right' }],
      rows: d.lots.map((l) => [`${l.lotId} ${l.designSku} ${l.finish}`, String(l.pieces), l.grams === null ? '-' : l.grams.toFixed(1)]),
      field: 'lots',
    },
    rule(),
    text(`Pieces: ${d.lots.reduce((a, l) => a + l.pieces, 0)}`, { bold: true }),
    text(`Waiting for QC: ${d.lots.reduce((a, l) => a + l.pendingQc, 0)}`),
    ...(d.lots.some((l) => l.quarantine > 0) ? [text(`Quarantined: ${d.lots.reduce((a, l) => a + l.quarantine, 0)}`)] : []),
    ...(d.notDelivered.length
      ? [
          rule(),
          text('Not delivered / Haikuletwa', { bold: true }),
          ...d.notDelivered.map((l) => text(`Line ${l.line}: ${l.designSku}, ${l.expected} expected`, { size: 'small' as const, field: 'notDelivered' })),
        ]
      : []),
    gap(2),
    { kind: 'barcode', symbology: 'qrcode', data: d.delivery, moduleMm: 0.5, align: 'center', field: 'delivery' },
    gap(4),
  ],
});
