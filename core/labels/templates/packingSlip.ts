import { z } from 'zod';
import { gs1Bracketed, sscc } from '../barcodes';
import { gap, rule, text } from '../blocks';
import { defineTemplate, field } from './define';

// In the box: what it holds, for whom, and the box's SSCC as GS1-128.
export const packingSlip = defineTemplate({
  name: 'packing-slip',
  title: 'Packing slip',
  printer: 'receipt',
  size: { widthMm: 80, heightMm: null },
  schema: z.strictObject({
    orderId: field.text(40),
    customer: field.text(),
    shipTo: field.text(400),
    box: z.number().int().min(1).max(999),
    boxes: z.number().int().min(1).max(999).optional(),
    sscc: z.string().regex(/^\d{18}$/, '18 digits').optional(),
    packedBy: field.text(),
    date: field.date(),
    lines: z.array(z.strictObject({ designSku: field.sku(), designName: field.text(), finish: field.finish(), quantity: field.quantity() })).min(1).max(500),
  }),
  example: {
    orderId: 'CO-26-0188',
    customer: 'Maison Lumière',
    shipTo: '12 rue des Orfèvres, 75001 Paris, France',
    box: 1,
    boxes: 2,
    sscc: sscc(0, '6164004', 188),
    packedBy: 'Mwangi Njoroge',
    date: '2026-11-25',
    lines: [
      { designSku: 'BR-CUF-001', designName: 'Maasai Spiral Cuff', finish: 'gold-1.0', quantity: 40 },
      { designSku: 'BR-EAR-002', designName: 'Kazuri Drop Earrings', finish: 'gold-0.5', quantity: 60 },
    ],
  },
  blocks: (d) => [
    text('PACKING SLIP', { size: 'large', bold: true, align: 'center' }),
    text(`Order ${d.orderId}, box ${d.box}${d.boxes ? ` of ${d.boxes}` : ''}`, { align: 'center', field: 'orderId' }),
    rule(),
    text(d.customer, { bold: true, field: 'customer', maxLines: 2 }),
    text(d.shipTo, { field: 'shipTo', maxLines: 4 }),
    rule(),
    {
      kind: 'table',
      columns: [{ title: 'Design', share: 24, lines: 2 }, { title: 'Finish', share: 10 }, { title: 'Qty', share: 6, align: 'right' }],
      rows: d.lines.map((l) => [`${l.designSku} ${l.designName}`, l.finish, String(l.quantity)]),
      field: 'lines',
    },
    rule(),
    text(`Pieces in this box: ${d.lines.reduce((a, l) => a + l.quantity, 0)}`, { bold: true }),
    text(`Packed by ${d.packedBy}, ${d.date}`, { size: 'small', field: 'packedBy' }),
    ...(d.sscc
      ? [
          { kind: 'barcode' as const, symbology: 'gs1-128' as const, data: gs1Bracketed([{ ai: '00', value: d.sscc }]), heightMm: 12, moduleMm: 0.25, align: 'center' as const, field: 'sscc' },
          text(`(00) ${d.sscc}`, { align: 'center', size: 'small' }),
        ]
      : []),
    gap(4),
  ],
});
