import { z } from 'zod';
import type { PrinterJob, PrintTemplate } from '../../printing/events';
import { parseLotId } from '../../lots/lotId';
import type { Block } from '../blocks';

// A template is data: its fields (a zod object), an example, its size, and the blocks it prints.

export interface TemplateDefinition<S extends z.ZodObject = z.ZodObject> {
  name: PrintTemplate;
  title: string;
  printer: PrinterJob;
  /** heightMm null: the length follows the content (receipts). */
  size: { widthMm: number; heightMm: number | null };
  schema: S;
  example: z.input<S>;
  blocks(data: z.output<S>): Block[];
  /** ZPL printed as it came (a carrier's own label) instead of blocks laid out by us. */
  passThrough?: (data: z.output<S>) => { zpl: string; dpi: 203 | 300 };
}

export function defineTemplate<S extends z.ZodObject>(definition: TemplateDefinition<S>): TemplateDefinition {
  return definition as unknown as TemplateDefinition;
}

// Field schemas shared by templates. Lengths are generous limits against garbage: what is too long
// for the label is shortened visibly by the layout, not refused.
export const field = {
  text: (max = 200) => z.string().trim().min(1).max(max),
  /** A code printed as a barcode: letters, digits, '-', '/' and '.' (safe in every printer's barcode command). */
  code: () => z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/, 'a code of letters, digits, -, / and .'),
  lotId: () => z.string().trim().toUpperCase().refine((v) => parseLotId(v) !== null, 'a lot id like L-26-R1-000123'),
  sku: () => z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{1,23}$/, 'a design SKU like BR-CUF-001'),
  finish: () => z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{0,23}$/, 'a finish code like gold-1.0'),
  date: () => z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date like 2026-11-25'),
  quantity: () => z.number().int().min(0).max(1_000_000),
  grams: () => z.number().min(0).max(1_000_000),
};

/** The day of a date or an ISO time, in Nairobi (UTC+3, no daylight saving): a lot received at 01:00 is of that day. */
export function day(date: string): string {
  const at = /T\d{2}:\d{2}/.test(date) ? new Date(date) : null;
  return at && !Number.isNaN(at.getTime()) ? new Date(at.getTime() + 3 * 3600_000).toISOString().slice(0, 10) : date.slice(0, 10);
}

/** Day and time (HH:MM) of an ISO time in Nairobi; other text as it is. */
export function dayTime(date: string): string {
  const at = /T\d{2}:\d{2}/.test(date) ? new Date(date) : null;
  return at && !Number.isNaN(at.getTime()) ? new Date(at.getTime() + 3 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : date;
}
export const kg = (n: number) => `${n.toFixed(3)} kg`;
