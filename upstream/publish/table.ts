import { parse } from 'csv-parse/sync';
import { AppError } from '../../core/kernel/errors';

// A published file as rows of named fields, each with the line of the file it starts on (the
// header is line 1), so every problem can name the line a person opens in a text editor.

export type Format = 'csv' | 'jsonl';

/** One field as the file gave it: CSV gives text; JSON lines may give a number, or a list as an array. */
export type Field = string | string[];

export interface Row {
  line: number;
  fields: Record<string, Field>;
}

export interface Problem {
  line: number;
  error: AppError;
}

export interface Table {
  /** The columns the file names (CSV: its header; JSON lines: every key used). */
  columns: { name: string; line: number }[];
  rows: Row[];
  problems: Problem[];
}

export function readTable(text: string, format: Format): Table {
  // Windows line ends become \n first: csv-parse miscounts lines around \r\n with empty lines.
  const unix = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return format === 'csv' ? readCsv(unix) : readJsonLines(unix);
}

type ParsedRecord = { record: string[]; raw: string; info: { lines: number } };

function readCsv(text: string): Table {
  let records: ParsedRecord[];
  try {
    // With info and raw, each record comes with its text and the line it ends on.
    records = parse(text, { info: true, raw: true, skip_empty_lines: true, relax_column_count: true }) as unknown as ParsedRecord[];
  } catch (error) {
    const { lines, code } = error as { lines?: number; code?: string };
    const line = lines ?? 1;
    return { columns: [], rows: [], problems: [{ line, error: new AppError('publish.badCsv', `the file is not valid CSV here (${code ?? 'unreadable'})`, { problem: code ?? 'unreadable' }) }] };
  }
  const [header, ...body] = records.map(({ record, raw, info }) => ({ record, line: startLine(raw, info.lines) }));
  if (!header) return { columns: [], rows: [], problems: [] };
  const names = header.record.map((name) => name.trim());
  const problems: Problem[] = [];
  const rows: Row[] = [];
  for (const { record, line } of body) {
    if (record.length !== names.length) {
      problems.push({ line, error: new AppError('publish.fieldCount', `this row has ${record.length} fields where the header names ${names.length}`, { fields: record.length, columns: names.length }) });
      continue;
    }
    rows.push({ line, fields: Object.fromEntries(names.map((name, i) => [name, record[i]!])) });
  }
  return { columns: names.map((name) => ({ name, line: 1 })), rows, problems };
}

/** csv-parse counts lines up to a record's end; a quoted field with line breaks started that many lines before. */
function startLine(raw: string, endLine: number): number {
  const record = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (record.match(/\n/g)?.length ?? 0);
}

function readJsonLines(text: string): Table {
  const columns = new Map<string, number>();
  const rows: Row[] = [];
  const problems: Problem[] = [];
  for (const [i, source] of text.split('\n').entries()) {
    if (!source.trim()) continue;
    const line = i + 1;
    const fields = jsonFields(source);
    if (!fields) {
      problems.push({ line, error: new AppError('publish.badJson', 'this line is not one JSON object of text, numbers and lists of text') });
      continue;
    }
    for (const name of Object.keys(fields)) if (!columns.has(name)) columns.set(name, line);
    rows.push({ line, fields });
  }
  return { columns: [...columns].map(([name, line]) => ({ name, line })), rows, problems };
}

function jsonFields(source: string): Record<string, Field> | null {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields: Record<string, Field> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string') fields[name] = v;
    else if (typeof v === 'number') fields[name] = String(v);
    else if (Array.isArray(v) && v.every((item) => typeof item === 'string')) fields[name] = v;
    else if (v !== null) return null;
  }
  return fields;
}
