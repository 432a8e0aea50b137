import { z } from 'zod';
import { rule, text } from '../blocks';
import { defineTemplate, field, kg } from './define';

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

// Customs declaration lines, CN23-style, for a box leaving Kenya: one line per kind of goods.
export const customsDeclaration = defineTemplate({
  name: 'customs-declaration',
  title: 'Customs declaration (CN23 lines)',
  printer: 'shipping',
  size: { widthMm: 101.6, heightMm: 152.4 },
  schema: z.strictObject({
    orderId: field.text(40),
    sender: field.text(),
    recipient: field.text(),
    recipientCountry: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code'),
    category: z.enum(['sale', 'gift', 'sample', 'return']).default('sale'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code'),
    date: field.date(),
    lines: z
      .array(
        z.strictObject({
          description: field.text(300),
          hsCode: z.string().regex(/^\d{6,10}$/, 'an HS code of 6 to 10 digits'),
          quantity: z.number().int().positive().max(1_000_000),
          netWeightKg: z.number().positive().max(1000),
          valueMinor: z.number().int().min(0),
          origin: z.string().regex(/^[A-Z]{2}$/).default('KE'),
        }),
      )
      .min(1)
      .max(200),
  }),
  example: {
    orderId: 'CO-26-0188',
    sender: 'Karakana HQ, Nairobi, Kenya',
    recipient: 'Maison Lumière, Paris',
    recipientCountry: 'FR',
    category: 'sale',
    currency: 'EUR',
    date: '2026-11-25',
    lines: [
      { description: 'Brass cuff bracelets, gold plated', hsCode: '711719', quantity: 40, netWeightKg: 1.52, valueMinor: 18000, origin: 'KE' },
      { description: 'Brass drop earrings, gold plated', hsCode: '711719', quantity: 60, netWeightKg: 0.372, valueMinor: 8100, origin: 'KE' },
    ],
  },
  blocks: (d) => [
    text('CUSTOMS DECLARATION CN23', { bold: true, align: 'center' }),
    text(`Order ${d.orderId}, ${d.date}, category: ${d.category}`, { size: 'small', field: 'orderId' }),
    text(`From: ${d.sender}`, { size: 'small', maxLines: 2, field: 'sender' }),
    text(`To: ${d.recipient} (${d.recipientCountry})`, { size: 'small', maxLines: 2, field: 'recipient' }),
    rule(),
    {
      kind: 'table',
      size: 'small',
      columns: [
        { title: 'Description', share: 20, lines: 3 },
        { title: 'HS code', share: 10 },
        { title: 'Qty', share: 6, align: 'right' },
        { title: 'Net kg', share: 7, align: 'right' },
        { title: 'Value', share: 12, align: 'right' },
        { title: 'Orig', share: 4 },
      ],
      rows: d.lines.map((l) => [l.description, l.hsCode, String(l.quantity), l.netWeightKg.toFixed(3), money(l.valueMinor, d.currency), l.origin]),
      field: 'lines',
    },
    rule(),
    text(`Total net weight: ${kg(d.lines.reduce((a, l) => a + l.netWeightKg, 0))}`, { size: 'small' }),
    text(`Total value: ${money(d.lines.reduce((a, l) => a + l.valueMinor, 0), d.currency)}`, { bold: true }),
    text('I certify that the particulars given in this declaration are correct.', { size: 'small', maxLines: 2 }),
    text('Signature: ____________________', { size: 'small' }),
  ],
});
