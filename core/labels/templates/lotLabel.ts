import { z } from 'zod';
import { text } from '../blocks';
import { day, defineTemplate, field } from './define';

// The lot label: on every bag from receiving to shipping. 50 x 25 mm. Data as receiving queues it.
export const lotLabel = defineTemplate({
  name: 'lot-label',
  title: 'Lot label',
  printer: 'label',
  size: { widthMm: 50, heightMm: 25 },
  schema: z.strictObject({
    lotId: field.lotId(),
    designSku: field.sku(),
    designName: field.text(),
    finish: field.finish(),
    quantity: field.quantity(),
    artisan: field.text(),
    receivedAt: field.date(),
  }),
  example: { lotId: 'L-26-R1-000123', designSku: 'BR-CUF-001', designName: 'Maasai Spiral Cuff', finish: 'gold-1.0', quantity: 120, artisan: 'Wanjiku Mwangi', receivedAt: '2026-11-25T07:12:00.000Z' },
  blocks: (d) => [
    { kind: 'barcode', symbology: 'code128', data: d.lotId, heightMm: 7, moduleMm: 0.25, field: 'lotId' },
    text(d.lotId, { field: 'lotId' }),
    text(`${d.designSku} ${d.designName}`, { size: 'small', field: 'designName' }),
    text(`${d.finish} Qty ${d.quantity}`, { size: 'small', field: 'finish' }),
    text(`${d.artisan} ${day(d.receivedAt)}`, { size: 'small', field: 'artisan' }),
  ],
});
