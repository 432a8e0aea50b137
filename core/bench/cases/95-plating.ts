import { generateInstance } from '../../plating/schedule/generate';
import { lowerBound, parseInstance, solve } from '../../plating/schedule/index';
import { dispatchOnly } from '../../plating/schedule/solve';
import type { BenchCase, Figure } from '../benchCase';

// The plating scheduler on generated instances (6 lines, 4 finishes, seed 1, due-date tightness
// 0.6 and range 0.6): its weighted tardiness next to FIFO and EDD batching, the ATC batching
// dispatcher alone and a lower bound, and how long it takes. Pure computation: the store is unused.

const sizes = [50, 500, 2_000];
const tau = 0.6;
const R = 0.6;

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

function sizeFigures(lots: number): { figures: Figure[]; row: string } {
  const instance = parseInstance(JSON.parse(JSON.stringify(generateInstance({ lots, seed: 1, tau, R }))));
  const [ours, solveMs] = timed(() => solve(instance, { seed: 1 }));
  const [atc, atcMs] = timed(() => dispatchOnly(instance, 'atc'));
  const fifo = dispatchOnly(instance, 'fifo');
  const edd = dispatchOnly(instance, 'edd');
  const bound = lowerBound(instance);
  const wt = (s: typeof ours) => s.objective.weightedTardinessMinutes;
  const label = `${lots.toLocaleString('en')} lots`;
  const figures: Figure[] = [
    { name: `${label}: weighted tardiness, ours`, value: wt(ours), unit: 'min' },
    { name: `${label}: weighted tardiness, FIFO batching`, value: wt(fifo), unit: 'min' },
    { name: `${label}: weighted tardiness, EDD batching`, value: wt(edd), unit: 'min' },
    { name: `${label}: weighted tardiness, ATC dispatcher`, value: wt(atc), unit: 'min' },
    { name: `${label}: weighted tardiness, lower bound`, value: bound, unit: 'min' },
    { name: `${label}: changeovers, ours`, value: ours.objective.changeovers, unit: 'changeovers' },
    { name: `${label}: changeovers, ATC dispatcher`, value: atc.objective.changeovers, unit: 'changeovers' },
    { name: `${label}: ours over the best baseline`, value: wt(ours) / Math.max(1e-9, Math.min(wt(fifo), wt(edd), wt(atc))), unit: '×' },
    { name: `${label}: ATC dispatcher time`, value: atcMs, unit: 'ms' },
    { name: `${label}: solve time`, value: solveMs, unit: 'ms' },
  ];
  const cell = (n: number) => Math.round(n).toLocaleString('en');
  const row = `| ${cell(lots)} | ${cell(wt(ours))} (${ours.objective.changeovers}) | ${cell(wt(fifo))} (${fifo.objective.changeovers}) | ${cell(wt(edd))} (${edd.objective.changeovers}) | ${cell(wt(atc))} (${atc.objective.changeovers}) | ${cell(bound)} | ${cell(solveMs)} ms |`;
  return { figures, row };
}

export const benchCase: BenchCase = {
  name: 'plating scheduler: 50, 500 and 2,000 lots on 6 lines',
  targets: {
    '2,000 lots: solve time': { below: 2_000 },
    '50 lots: ours over the best baseline': { below: 1 },
    '500 lots: ours over the best baseline': { below: 1 },
    '2,000 lots: ours over the best baseline': { below: 1 },
  },
  async run() {
    const results = sizes.map(sizeFigures);
    console.error(
      [
        '| lots | ours (changeovers) | FIFO | EDD | ATC | lower bound | solve time |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...results.map((r) => r.row),
      ].join('\n'),
    );
    return results.flatMap((r) => r.figures);
  },
};
