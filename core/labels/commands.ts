import { readFileSync, writeFileSync } from 'node:fs';
import { required, type Command } from '../kernel/command';
import { UsageError } from '../kernel/errors';
import { labelTemplates, renderLabel, renderPreview, testPrint, type LabelTarget } from './index';

// The labels commands of hq (joined in core/cli/commands.ts): list templates, render one to a
// file (printer bytes or the preview PNG/SVG), or make a printer's test page.

const formats = ['zpl', 'escpos', 'png', 'svg'] as const;

function dpiOf(value: unknown): 203 | 300 {
  if (value === undefined) return 203;
  if (value === '203' || value === '300') return Number(value) as 203 | 300;
  throw new UsageError(`--dpi must be 203 or 300, not ${String(value)}`);
}

function mmOf(values: Record<string, unknown>, name: string): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a length in millimetres, not ${String(value)}`);
  return n;
}

function dataOf(values: Record<string, string | boolean | undefined>, template: string): unknown {
  if (values.example && values.data !== undefined) throw new UsageError('say --data FILE or --example, not both');
  if (values.example) {
    const found = labelTemplates().find((t) => t.name === template);
    if (!found) throw new UsageError(`there is no template "${template}": ${labelTemplates().map((t) => t.name).join(', ')}`);
    return found.example;
  }
  const file = required(values, 'data');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --data ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--data ${file} is not JSON: ${(error as Error).message}`);
  }
}

function listTemplates(json: boolean): void {
  const all = labelTemplates();
  if (json) return console.log(JSON.stringify(all, null, 2));
  for (const t of all) {
    const size = t.size.heightMm === null ? `${t.size.widthMm} mm wide, flowing` : `${t.size.widthMm} x ${t.size.heightMm} mm`;
    console.log(`${t.name}  ${t.title} (${size}; ${t.printer} printer)`);
    for (const f of t.fields) console.log(`  ${f.name}: ${f.type}${f.required ? '' : ' (optional)'}${f.maxLength ? `, up to ${f.maxLength}` : ''}`);
  }
}

function render(values: Record<string, string | boolean | undefined>): void {
  const template = required(values, 'template');
  const format = required(values, 'format');
  if (!(formats as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not ${format}`);
  const out = required(values, 'out');
  const data = dataOf(values, template);
  const dpi = dpiOf(values.dpi);
  const widthMm = mmOf(values, 'width-mm');
  const heightMm = mmOf(values, 'height-mm');
  let bytes: Buffer | string;
  let warnings: string[];
  if (format === 'png' || format === 'svg') {
    const language = values.language;
    if (language !== undefined && language !== 'zpl' && language !== 'escpos') throw new UsageError(`--language must be zpl or escpos, not ${String(language)}`);
    const preview = renderPreview(template, data, { format, dpi, language, widthMm, heightMm });
    bytes = format === 'png' ? preview.png! : preview.svg;
    warnings = preview.warnings;
  } else {
    if (values.language !== undefined) throw new UsageError('--language is for --format png or svg; zpl and escpos are languages themselves');
    ({ bytes, warnings } = renderLabel(template, data, { language: format as LabelTarget['language'], dpi, widthMm, heightMm }));
  }
  writeFileSync(out, bytes);
  for (const w of warnings) console.error(`warning: ${w}`);
  console.log(`${template} -> ${out} (${format}, ${dpi} dpi, ${Buffer.byteLength(bytes)} bytes)`);
}

function test(values: Record<string, string | boolean | undefined>): void {
  const format = required(values, 'format');
  if (format !== 'zpl' && format !== 'escpos') throw new UsageError(`a test page is zpl or escpos, not ${format}`);
  const out = required(values, 'out');
  const bytes = testPrint({ language: format, dpi: dpiOf(values.dpi), widthMm: mmOf(values, 'width-mm'), heightMm: mmOf(values, 'height-mm') });
  writeFileSync(out, bytes);
  console.log(`test page -> ${out} (${format}, ${bytes.length} bytes)`);
}

export const labelCommands: Record<string, Command> = {
  label: {
    summary: 'list label templates, render one to printer bytes or a preview, make a test page',
    usage: [
      'hq label templates [--json]',
      '  Every template with its size, printer, fields and (with --json) an example data object.',
      'hq label render --template T (--data D.json | --example) --format zpl|escpos|png|svg [--dpi 203|300]',
      '                [--width-mm N] [--height-mm N] [--language zpl|escpos] --out F',
      '  Writes the bytes for the printer, or the preview picture of what prints (png/svg; --language',
      '  chooses which printer it shows, by default the template\'s usual one). Warnings (text',
      '  shortened or transliterated) go to stderr. Bad data or an unknown template exit 1.',
      'hq label test --format zpl|escpos [--dpi 203|300] [--width-mm N] [--height-mm N] --out F',
      '  A calibration page: frame at the media edges, millimetre ruler, darkness samples.',
    ].join('\n'),
    options: {
      json: { type: 'boolean' },
      template: { type: 'string' },
      data: { type: 'string' },
      example: { type: 'boolean' },
      format: { type: 'string' },
      dpi: { type: 'string' },
      'width-mm': { type: 'string' },
      'height-mm': { type: 'string' },
      language: { type: 'string' },
      out: { type: 'string' },
    },
    async run(values, positionals) {
      const [sub, ...extra] = positionals;
      if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}`);
      if (sub === 'templates') return listTemplates(!!values.json);
      if (sub === 'render') return render(values);
      if (sub === 'test') return test(values);
      throw new UsageError(sub ? `unknown subcommand "${sub}": templates, render or test` : 'say templates, render or test');
    },
  },
};
