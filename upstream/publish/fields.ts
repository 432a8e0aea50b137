import { AppError } from '../../core/kernel/errors';
import type { Field, Problem, Row } from './table';

// Reads one row's fields as the event payloads need them. A field that does not read is listed as
// a problem on the row's line and read as a blank (0 or ''); the row is taken only when none failed.

const maxText = 200;
const idForm = /^\S{1,40}$/u;
const dateForm = /^(\d{4})-(\d{2})-(\d{2})$/;

export class RowReader {
  private failed = false;

  constructor(
    readonly row: Row,
    private readonly problems: Problem[],
  ) {}

  get ok(): boolean {
    return !this.failed;
  }

  /** Lists the problem on the row's line; returns the blank the failed field reads as. */
  fail<T>(blank: T, code: string, message: string, params: Record<string, string | number> = {}): T {
    this.failed = true;
    this.problems.push({ line: this.row.line, error: new AppError(code, message, params) });
    return blank;
  }

  /** The field as text, trimmed; absent or empty is a problem. */
  text(column: string): string {
    return this.optionalText(column) ?? this.fail('', 'publish.missing', `${column} is empty`, { column });
  }

  /** The field as text, trimmed, or undefined when absent or empty. */
  optionalText(column: string): string | undefined {
    const field = this.row.fields[column];
    const value = (Array.isArray(field) ? field.join(';') : (field ?? '')).trim();
    if (!value) return undefined;
    if (value.length > maxText) return this.fail('', 'publish.tooLong', `${column} is longer than ${maxText} characters`, { column, max: maxText });
    return value;
  }

  id(column: string): string {
    const value = this.text(column);
    if (!value || idForm.test(value)) return value;
    return this.fail('', 'publish.badId', `${column} "${value}" is not an id (1 to 40 characters, no spaces)`, { column, value });
  }

  /** A list: an array in JSON lines, or its items separated by ";" in CSV; undefined when absent and optional. */
  list(column: string, optional: true): string[] | undefined;
  list(column: string): string[];
  list(column: string, optional = false): string[] | undefined {
    const field: Field | undefined = this.row.fields[column];
    const items = (Array.isArray(field) ? field : (field ?? '').split(';')).map((item) => item.trim()).filter(Boolean);
    if (items.length === 0 && optional) return field === undefined ? undefined : [];
    if (items.length === 0) return this.fail([], 'publish.missing', `${column} is empty`, { column });
    const long = items.some((item) => item.length > maxText);
    return long ? this.fail([], 'publish.tooLong', `${column} has an item longer than ${maxText} characters`, { column, max: maxText }) : items;
  }

  /** A count of pieces: a whole number above 0. */
  pieces(column: string): number {
    const value = this.text(column);
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!value || (Number.isSafeInteger(n) && n > 0)) return n || 0;
    return this.fail(0, 'publish.notPieces', `${column} "${value}" is not a positive whole number`, { column, value });
  }

  /** A measure: a decimal number, above 0 or (atLeastZero) 0 and more. */
  measure(column: string, atLeastZero = false): number {
    const value = this.text(column);
    const n = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (!value || (Number.isFinite(n) && (atLeastZero ? n >= 0 : n > 0))) return n || 0;
    return atLeastZero
      ? this.fail(0, 'publish.notAtLeastZero', `${column} "${value}" is not a number of 0 or more`, { column, value })
      : this.fail(0, 'publish.notPositive', `${column} "${value}" is not a number above 0`, { column, value });
  }

  /** An amount of money in the currency's minor units, written in its major units with at most `digits` decimals. */
  money(column: string, currency: string, digits: number): number {
    const value = this.text(column);
    if (value.startsWith('-')) return this.fail(0, 'publish.negativePrice', `${column} "${value}" is below 0`, { column, value });
    const [, whole, fraction = ''] = /^(\d+)(?:\.(\d+))?$/.exec(value) ?? [];
    const minor = whole !== undefined && fraction.length <= digits ? Number(whole + fraction.padEnd(digits, '0')) : NaN;
    if (!value || Number.isSafeInteger(minor)) return minor || 0;
    return this.fail(0, 'publish.badPrice', `${column} "${value}" is not an amount of ${currency} (at most ${digits} decimals)`, { column, value, currency, digits });
  }

  /** A calendar date, YYYY-MM-DD, that exists; undefined when absent and optional. */
  date(column: string, optional: true): string | undefined;
  date(column: string): string;
  date(column: string, optional = false): string | undefined {
    const value = optional ? this.optionalText(column) : this.text(column);
    if (!value) return value;
    const [, y, m, d] = dateForm.exec(value) ?? [];
    const parsed = new Date(`${y}-${m}-${d}T00:00:00Z`);
    if (y && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value) return value;
    return this.fail('', 'publish.badDate', `${column} "${value}" is not a date (YYYY-MM-DD)`, { column, value });
  }

  /** A key the file states once (an artisan's id, a design's sku): a second row with it is a problem. */
  once(seen: Map<string, number>, column: string, value: string): void {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, this.row.line);
    else this.fail(undefined, 'publish.duplicate', `${column} "${value}" is already on line ${first}`, { column, value, first });
  }
}
