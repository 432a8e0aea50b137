import { z } from 'zod';
import { pieceTagCode } from '../barcodes';
import { text } from '../blocks';
import { defineTemplate, field } from './define';

// A small tag on one piece: lot id, design and finish in one DataMatrix; scanning it counts one piece of that lot.
export const pieceTag = defineTemplate({
  name: 'piece-tag',
  title: 'Piece tag',
  printer: 'label',
  size: { widthMm: 40, heightMm: 16 },
  schema: z.strictObject({ lotId: field.lotId(), designSku: field.sku(), finish: field.finish() }),
  example: { lotId: 'L-26-R1-000123', designSku: 'BR-CUF-001', finish: 'gold-1.0' },
  blocks: (d) => [
    {
      kind: 'side',
      code: { kind: 'barcode', symbology: 'datamatrix', data: pieceTagCode(d.lotId, d.designSku, d.finish), moduleMm: 0.375, field: 'lotId' },
      beside: [text(d.lotId, { size: 'small', field: 'lotId' }), text(d.designSku, { size: 'small', field: 'designSku' }), text(d.finish, { size: 'small', field: 'finish' })],
    },
  ],
});
