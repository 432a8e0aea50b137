import { z } from 'zod';
import { AppError } from '../../kernel/errors';
import type { TemplateField, TemplateInfo } from '../index';
import { carrierLabel } from './carrierLabel';
import { customsDeclaration } from './customsDeclaration';
import type { TemplateDefinition } from './define';
import { deliveryReceipt } from './deliveryReceipt';
import { lotLabel } from './lotLabel';
import { packingSlip } from './packingSlip';
import { pieceTag } from './pieceTag';
import { platingTraveller } from './platingTraveller';
import { returnNote } from './returnNote';
import { shippingLabel } from './shippingLabel';

// Every template, in the order of printTemplates (core/printing/events.ts).
export const templates: TemplateDefinition[] = [lotLabel, pieceTag, platingTraveller, deliveryReceipt, returnNote, packingSlip, shippingLabel, customsDeclaration, carrierLabel];

export function templateNamed(name: string): TemplateDefinition {
  const found = templates.find((t) => t.name === name);
  if (!found) throw new AppError('labels.unknownTemplate', `There is no label template "${name}": ${templates.map((t) => t.name).join(', ')}`, { template: name.slice(0, 40) });
  return found;
}

function typeOf(schema: z.ZodType): { type: string; required: boolean; maxLength?: number } {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; element?: z.ZodType } }).def;
  if (def.type === 'optional' || def.type === 'default') return { ...typeOf(def.innerType!), required: false };
  if (def.type === 'array') return { type: `${typeOf(def.element!).type}[]`, required: true };
  if (def.type === 'pipe') return { type: 'string', required: true };
  const maxLength = (schema as unknown as { maxLength?: number | null }).maxLength ?? undefined;
  return { type: def.type, required: true, ...(maxLength === undefined ? {} : { maxLength }) };
}

/** The data fields of a template, nested objects flattened with dots (lines[].quantity). */
function fieldsOf(schema: z.ZodObject, prefix = ''): TemplateField[] {
  return Object.entries(schema.shape).flatMap(([name, value]) => {
    const inner = value as z.ZodType;
    const def = (inner as unknown as { def: { type: string; element?: z.ZodType } }).def;
    if (def.type === 'object') return fieldsOf(inner as z.ZodObject, `${prefix}${name}.`);
    if (def.type === 'array' && (def.element as unknown as { def: { type: string } }).def.type === 'object')
      return [{ name: `${prefix}${name}`, type: 'object[]', required: true }, ...fieldsOf(def.element as z.ZodObject, `${prefix}${name}[].`)];
    return [{ name: `${prefix}${name}`, ...typeOf(inner) }];
  });
}

export function templateList(): TemplateInfo[] {
  return templates.map((t) => ({
    name: t.name,
    title: t.title,
    size: t.size,
    printer: t.printer,
    fields: fieldsOf(t.schema),
    example: structuredClone(t.example) as Record<string, unknown>,
  }));
}

/** The template's data, checked: throws labels.badData naming the first wrong field. */
export function checkData(template: TemplateDefinition, data: unknown): Record<string, unknown> {
  const result = template.schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.') || '(data)';
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : null;
  if (unknown) throw new AppError('labels.unknownField', `${template.name} has no field ${unknown}`, { template: template.name, field: unknown });
  throw new AppError('labels.badData', `${template.name}: ${path}: ${issue.message}`, { template: template.name, field: path, problem: issue.message });
}
