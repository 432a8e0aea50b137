import { readScannedCode } from '../labels/barcodes';

// What a packer scans into a box, read as the labels print it (core/labels/barcodes.ts): a lot
// label (the lot id) or a piece tag (one piece: lot id, design and finish in one code).

export type PackCode = { kind: 'label'; lotId: string } | { kind: 'tag'; lotId: string; designSku: string; finish: string };

export function parsePackCode(raw: string): PackCode | null {
  const code = readScannedCode(raw);
  if (code.kind === 'lot') return { kind: 'label', lotId: code.lotId };
  if (code.kind === 'piece') return { kind: 'tag', lotId: code.lotId, designSku: code.designSku, finish: code.finish };
  return null;
}
