// What a render had to change or leave out: a code with parameters (renderer key labels.notes.<code>,
// English and Swahili) and the English sentence for logs, the CLI and the warnings list.

export const noteCodes = ['shortened', 'transliterated', 'cellsShortened', 'qrForDataMatrix', 'pages', 'carrierPreview', 'carrierLeftOut'] as const;
export type NoteCode = (typeof noteCodes)[number];

export interface LabelNote {
  code: NoteCode;
  params: Record<string, string | number>;
}

const english: Record<NoteCode, (p: Record<string, string | number>) => string> = {
  shortened: (p) => `${p.field}: shortened to fit ${p.lines} line${p.lines === 1 ? '' : 's'} of ${p.columns} characters`,
  transliterated: (p) => `${p.field}: printed "${p.printed}" for "${p.given}" (the printer lacks ${p.missing})`,
  cellsShortened: (p) => `${p.field}: some cells shortened to fit their columns`,
  qrForDataMatrix: (p) => `${p.field}: printed as a QR code (ESC/POS printers have no DataMatrix command)`,
  pages: (p) => `continues on ${p.count} labels`,
  carrierPreview: () => "carrier-label: printed exactly as the carrier sent it; the preview draws its texts in a font near the printer's",
  carrierLeftOut: (p) => `carrier-label: the preview leaves out ${p.what}`,
};

export function noteText(note: LabelNote): string {
  return english[note.code](note.params);
}

export const note = (code: NoteCode, params: Record<string, string | number> = {}): LabelNote => ({ code, params });
