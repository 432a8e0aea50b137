import type { BenchCase, Figure, Target } from './benchCase';
import type { Machine } from './machine';

export interface ReportRow {
  case: string;
  figure: string;
  value: number;
  unit: string;
  target: Target | null;
  met: boolean | null;
}

export interface Report {
  machine: Machine;
  store: { file: string | null; lots: number; events: number; artisans: number; designs: number; reused: boolean; seededAt: string };
  notes: string[];
  rows: ReportRow[];
}

export function toRows(benchCase: BenchCase, figures: Figure[]): ReportRow[] {
  return figures.map((f) => {
    const target = benchCase.targets[f.name] ?? null;
    const met = target === null ? null : 'below' in target ? f.value < target.below : f.value > target.above;
    return { case: benchCase.name, figure: f.name, value: f.value, unit: f.unit, target, met };
  });
}

function amount(value: number, unit: string): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

const whole = (n: number) => n.toLocaleString('en');

export function renderMarkdown(report: Report): string {
  const { machine, store } = report;
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, ${machine.date}`,
    `Store: ${whole(store.lots)} lots, ${whole(store.events)} events, ${whole(store.artisans)} artisans, ${whole(store.designs)} designs` +
      (store.reused ? `, reused from ${store.file} (seeded ${store.seededAt})` : ''),
    '',
    '| case | figure | target | met? |',
    '| --- | --- | --- | --- |',
  ];
  let previous = '';
  for (const row of report.rows) {
    const target = row.target === null ? '—' : 'below' in row.target ? `< ${amount(row.target.below, row.unit)}` : `> ${amount(row.target.above, row.unit)}`;
    const met = row.met === null ? '—' : row.met ? 'yes' : '**no**';
    lines.push(`| ${row.case === previous ? '' : row.case} | ${row.figure}: ${amount(row.value, row.unit)} | ${target} | ${met} |`);
    previous = row.case;
  }
  lines.push('', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}
