import { AppError } from '../../kernel/errors';
import { limitNumberRow, tableLimitNumber } from './limitNumbers';
import { codeLetters, letterRow, lotSizeRanges, masterTables, tabulatedAqlValues, type MasterTable } from './tables';

// ANSI/ASQ Z1.4-2003 single sampling (normal and tightened tables are those of ISO 2859-1:1999;
// the reduced table keeps Z1.4's gap between Ac and Re). Pure functions over the tables in
// ./tables.ts; an arrow in a master table is followed to the first plan below or above it, whose
// own sample size and code letter are used.

export const inspectionLevels = ['I', 'II', 'III', 'S-1', 'S-2', 'S-3', 'S-4'] as const;
export type InspectionLevel = (typeof inspectionLevels)[number];

export const inspectionModes = ['normal', 'tightened', 'reduced'] as const;
export type InspectionMode = (typeof inspectionModes)[number];

/** Every AQL the standard tabulates, 0.010 to 1000 (percent nonconforming up to 10, nonconformities per hundred units above). */
export const tabulatedAqls: readonly number[] = tabulatedAqlValues;

export interface SamplingPlan {
  /** The code letter of the plan used (after following an arrow, the letter of the plan arrived at). */
  codeLetter: string;
  sampleSize: number;
  /** Accept the lot when the number of nonconforming items (or nonconformities) is at most this. */
  accept: number;
  /** Reject the lot when the number reaches this; under reduced inspection Ac < d < Re accepts the lot but reinstates normal inspection. */
  reject: number;
  /** The sample would be the whole lot: inspect every item (sampleSize = lotSize). */
  inspectAll: boolean;
}

export function isInspectionLevel(value: unknown): value is InspectionLevel {
  return (inspectionLevels as readonly unknown[]).includes(value);
}

export function isInspectionMode(value: unknown): value is InspectionMode {
  return (inspectionModes as readonly unknown[]).includes(value);
}

function checkLotSize(lotSize: number): void {
  if (!Number.isInteger(lotSize)) throw new AppError('qc.lotSizeNotWhole', `A lot size is a whole number of pieces, not ${lotSize}`, { lotSize });
  if (lotSize < 2) throw new AppError('qc.lotSizeTooSmall', `A lot must have at least 2 pieces to sample, not ${lotSize}`, { lotSize });
}

/** The AQLs as the standard prints them (0.010 ... 0.10, 0.65, 1.0 ... 10, 1000). */
export const aqlLabels: readonly string[] = tabulatedAqlValues.map((a) => (a < 0.1 ? a.toFixed(3) : a < 1 ? a.toFixed(2) : a < 10 ? a.toFixed(1) : String(a)));

function aqlIndex(aql: number): number {
  const index = tabulatedAqlValues.findIndex((a) => Math.abs(a - aql) < 1e-9);
  if (index < 0) throw new AppError('qc.aqlNotTabulated', `AQL ${aql} is not in the standard's tables: use one of ${aqlLabels.join(', ')}`, { aql });
  return index;
}

/** Table I: the sample size code letter for a lot size at an inspection level. */
export function codeLetter(lotSize: number, level: InspectionLevel): string {
  checkLotSize(lotSize);
  const column = inspectionLevels.indexOf(level);
  if (column < 0) throw new AppError('qc.levelUnknown', `Unknown inspection level ${String(level)}: one of ${inspectionLevels.join(', ')}`, { level: String(level) });
  const row = lotSizeRanges.find((range) => lotSize <= range.upTo)!;
  return row.letters[column]!;
}

function isPlan(cell: unknown): cell is readonly [number, number] {
  return Array.isArray(cell);
}

/**
 * The row (code letter) whose plan a cell leads to: the cell itself if it holds a plan, else the
 * first plan in the arrow's direction in the same AQL column (every printed arrow has one).
 */
function planRow(table: MasterTable, letter: number, column: number): number {
  const cell = letterRow(table, letter)[column];
  if (isPlan(cell)) return letter;
  const step = cell === 'up' ? -1 : 1;
  for (let row = letter + step; row >= 0 && row < table.rows.length; row += step) if (isPlan(letterRow(table, row)[column])) return row;
  throw new Error(`sampling table: no plan ${cell} of code letter ${codeLetters[letter]} at AQL ${tabulatedAqlValues[column]}`);
}

/** The single sampling plan for a lot (Tables I and II-A/B/C). Throws AppError on an untabulated AQL, a lot below 2, an unknown level or inspection. */
export function samplingPlan(q: { lotSize: number; aql: number; level?: InspectionLevel; inspection?: InspectionMode }): SamplingPlan {
  const inspection = q.inspection ?? 'normal';
  if (!isInspectionMode(inspection)) throw new AppError('qc.inspectionUnknown', `Unknown inspection ${String(inspection)}: one of ${inspectionModes.join(', ')}`, { inspection: String(inspection) });
  const letter = codeLetter(q.lotSize, q.level ?? 'II');
  const column = aqlIndex(q.aql);
  const table = masterTables[inspection];
  const row = planRow(table, codeLetters.indexOf(letter as (typeof codeLetters)[number]), column);
  const [accept, reject] = letterRow(table, row)[column] as readonly [number, number];
  const sampleSize = table.sampleSizes[row]!;
  const inspectAll = sampleSize >= q.lotSize;
  return { codeLetter: codeLetters[row]!, sampleSize: inspectAll ? q.lotSize : sampleSize, accept, reject, inspectAll };
}

/**
 * Table VIII: the limit number for reduced inspection, for the total sample size of the preceding
 * lots (usually 10) and the AQL: their total nonconforming must not exceed it. Null where the table
 * prints "*" (not enough sample units yet: more lots are needed) or below its first row (20 units).
 */
export function limitNumber(samplesTotal: number, aql: number): number | null {
  const column = aqlIndex(aql);
  const row = limitNumberRow(samplesTotal);
  return row === null ? null : tableLimitNumber(row, tabulatedAqlValues[column]!);
}
