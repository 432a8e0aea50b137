import { z } from 'zod';
import { gs1Bracketed, sscc } from '../barcodes';
import { gap, rule, text } from '../blocks';
import { defineTemplate, field } from './define';

const address = z.strictObject({ name: field.text(), lines: z.array(field.text()).min(1).max(6), country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code') });

// Our own 4 x 6 inch shipping label, when the carrier sends none: from, to, service, weight, order, tracking.
export const shippingLabel = defineTemplate({
  name: 'shipping-label',
  title: 'Shipping label (4 x 6 in)',
  printer: 'shipping',
  size: { widthMm: 101.6, heightMm: 152.4 },
  schema: z.strictObject({
    from: address,
    to: address,
    service: field.text(60),
    weightKg: z.number().positive().max(1000),
    orderId: field.text(40),
    box: z.number().int().min(1).max(999).optional(),
    boxes: z.number().int().min(1).max(999).optional(),
    tracking: z.string().trim().regex(/^[A-Z0-9]{6,40}$/i, 'a tracking number of letters and digits'),
    sscc: z.string().regex(/^\d{18}$/, '18 digits').optional(),
  }),
  example: {
    from: { name: 'Karakana HQ', lines: ['Baba Dogo Road, Ruaraka', 'Nairobi 00618'], country: 'KE' },
    to: { name: 'Maison Lumière', lines: ['12 rue des Orfèvres', '75001 Paris'], country: 'FR' },
    service: 'DHL Express Worldwide',
    weightKg: 4.35,
    orderId: 'CO-26-0188',
    box: 1,
    boxes: 2,
    tracking: 'JD014600006281394827',
    sscc: sscc(0, '6164004', 188),
  },
  blocks: (d) => [
    text('FROM', { size: 'small' }),
    text(d.from.name, { size: 'small', field: 'from.name' }),
    ...d.from.lines.map((l, i) => text(l, { size: 'small', field: `from.lines.${i}` })),
    text(d.from.country, { size: 'small', field: 'from.country' }),
    rule(),
    text('TO', { size: 'small' }),
    text(d.to.name, { size: 'large', bold: true, maxLines: 2, field: 'to.name' }),
    ...d.to.lines.map((l, i) => text(l, { size: 'large', maxLines: 2, field: `to.lines.${i}` })),
    text(d.to.country, { size: 'large', bold: true, field: 'to.country' }),
    rule(),
    text(d.service, { bold: true, field: 'service' }),
    text(`Weight ${d.weightKg.toFixed(2)} kg, order ${d.orderId}${d.box ? `, box ${d.box}${d.boxes ? ` of ${d.boxes}` : ''}` : ''}`, { field: 'orderId' }),
    rule(),
    text('TRACKING', { size: 'small' }),
    { kind: 'barcode', symbology: 'code128', data: d.tracking.toUpperCase(), heightMm: 22, moduleMm: 0.375, align: 'center', field: 'tracking' },
    text(d.tracking.toUpperCase(), { align: 'center', field: 'tracking' }),
    ...(d.sscc
      ? [
          gap(2),
          { kind: 'barcode' as const, symbology: 'gs1-128' as const, data: gs1Bracketed([{ ai: '00', value: d.sscc }]), heightMm: 15, moduleMm: 0.375, align: 'center' as const, field: 'sscc' },
          text(`(00) ${d.sscc}`, { align: 'center', size: 'small' }),
        ]
      : []),
  ],
});
