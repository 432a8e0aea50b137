import { handlers } from '../api/handler';
import { readBoard } from './boardView';
import { readLedger, recordWeighing } from './ledger';
import { lockBatch, moveBatch, previewMove, replan } from './plan';
import { finalCheck, readRefinement, recordStepDone } from './refinementService';
import { checkPlatedLot, finishBatch, logReading, printTraveller, readBatch, startBatch } from './run';
import { readSettings } from './settings';
import { saveCalendar, saveLine, saveLossNorm, saveRecipe, saveStation } from './settingsService';

const ok = { ok: true } as const;

// The plating procedures' handlers (joined in core/app/app.ts).
export const platingHandlers = handlers({
  'plating.board': (_input, ctx) => readBoard(ctx.db, ctx.now()),
  'plating.replan': (input, ctx) => replan(ctx, input.basedOn),
  'plating.previewMove': (input, ctx) => previewMove(ctx, input),
  'plating.moveBatch': (input, ctx) => moveBatch(ctx, input),
  'plating.lockBatch': (input, ctx) => lockBatch(ctx, input.basedOn, input.batchId, input.locked),
  'plating.batch': (input, ctx) => readBatch(ctx.db, input.batchId),
  'plating.startBatch': async (input, ctx) => (await startBatch(ctx, input.batchId), ok),
  'plating.finishBatch': async (input, ctx) => (await finishBatch(ctx, input.batchId, input.metalUsedG, input.override ?? null), ok),
  'plating.logReading': async (input, ctx) => (await logReading(ctx, input.batchId, input.reading), ok),
  'plating.checkLot': async ({ batchId, ...check }, ctx) => (await checkPlatedLot(ctx, batchId, check), ok),
  'plating.printTraveller': (input, ctx) => printTraveller(ctx, input.batchId),
  'plating.settings': (_input, ctx) => readSettings(ctx.db),
  'plating.saveLine': async (input, ctx) => (await saveLine(ctx, input), ok),
  'plating.saveRecipe': async (input, ctx) => (await saveRecipe(ctx, input), ok),
  'plating.saveCalendar': async (input, ctx) => (await saveCalendar(ctx, input), ok),
  'plating.saveStation': async (input, ctx) => (await saveStation(ctx, input), ok),
  'plating.saveNorm': async (input, ctx) => (await saveLossNorm(ctx, input.step, input.normPct), ok),
  'plating.ledger': (input, ctx) => readLedger(ctx.db, input.since),
  'plating.weigh': async (input, ctx) => (await recordWeighing(ctx, input), ok),
  'plating.refinement': (_input, ctx) => readRefinement(ctx.db, ctx.now()),
  'plating.stepDone': async (input, ctx) => (await recordStepDone(ctx, input.lotId, input.step, input.pieces), ok),
  'plating.finalCheck': async (input, ctx) => (await finalCheck(ctx, input.lotId, input.passed, input.rework), ok),
});
