import { demoRecipes } from '../../plating/demo';
import type { BenchCase } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';

const reads = 30;
const warmup = 3;

/**
 * The plating office on a big store: the board (every lot in refining, its customer order, the
 * refinement queue, the plan checked rule by rule) read over HTTP, and one re-plan (solve included).
 */
export const benchCase: BenchCase = {
  name: 'plating board (HTTP: plating.board, plating.replan)',
  targets: { p99: { below: 500 } },
  async run(env) {
    const settings = await env.call<{ recipes: unknown[] }>('plating.settings', {});
    if (settings.recipes.length === 0) for (const recipe of demoRecipes) await env.call('plating.saveRecipe', { ...recipe });
    const board = await env.call<{ version: number }>('plating.board', {});
    const start = performance.now();
    const plan = await env.call<{ batches: number }>('plating.replan', { basedOn: board.version });
    const replanMs = performance.now() - start;
    const samples = await timeEach(Array.from({ length: warmup + reads }, (_, i) => i), warmup, () => env.call('plating.board', {}));
    const waiting = await env.app.store.db.selectFrom('lots').select((eb) => eb.fn.countAll<number>().as('n')).where('refining', '>', 0).executeTakeFirstOrThrow();
    return [
      ...latencyFigures(samples),
      { name: 'lots in refining', value: Number(waiting.n), unit: 'lots' },
      { name: 'batches planned', value: plan.batches, unit: 'batches' },
      { name: 're-plan', value: replanMs, unit: 'ms' },
    ];
  },
};
