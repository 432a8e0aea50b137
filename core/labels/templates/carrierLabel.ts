import { z } from 'zod';
import { defineTemplate, field } from './define';

// A carrier's own label (ZPL that arrived through upstream), printed exactly as it came.
export const carrierLabel = defineTemplate({
  name: 'carrier-label',
  title: "Carrier's label (their ZPL, as sent)",
  printer: 'shipping',
  size: { widthMm: 101.6, heightMm: 152.4 },
  schema: z.strictObject({
    carrier: field.text(60),
    tracking: z.string().trim().regex(/^[A-Z0-9]{6,40}$/i, 'a tracking number of letters and digits'),
    dpi: z.union([z.literal(203), z.literal(300)]).default(203),
    zpl: z
      .string()
      .max(2_000_000)
      .refine((v) => /^\s*(~[^\^]*)?\^XA/.test(v) && /\^XZ\s*$/.test(v), 'ZPL from ^XA to ^XZ'),
  }),
  example: {
    carrier: 'DHL Express',
    tracking: 'JD014600006281394827',
    dpi: 203,
    zpl: [
      '^XA^CI28^PW812^LL1218^LH0,0',
      '^FO20,20^GB772,1178,4^FS',
      '^FT40,90^A0N,56,56^FDDHL EXPRESS^FS^FT560,90^A0N,40,40^FDWPX^FS',
      '^FO20,110^GB772,0,3^FS',
      '^FT40,160^A0N,28,28^FDFrom: Karakana HQ, Nairobi KE^FS',
      '^FT40,230^A0N,44,44^FDMaison Lumière^FS^FT40,280^A0N,36,36^FD12 rue des Orfèvres^FS^FT40,325^A0N,36,36^FD75001 Paris FR^FS',
      '^FO20,350^GB772,0,3^FS',
      '^FO40,380^ADN,36,20^FDWeight 4.35 kg  1/2^FS',
      '^FO100,460^BY3^BCN,220,Y,N,N,A^FDJD014600006281394827^FS',
      '^FO560,760^BQN,2,5^FDMA,JD014600006281394827^FS',
      '^XZ',
    ].join(''),
  },
  blocks: () => [],
  passThrough: (d) => ({ zpl: d.zpl, dpi: d.dpi }),
});
