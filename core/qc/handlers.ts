import { handlers } from '../api/handler';
import { openInspection, photoOf, waitingLots } from './inspection';
import { artisanQuality, inspectionsCsv, qualityRanking } from './quality';
import { approveReducedInspection, decide, logDefect, logMeasurement, markGood, recordSort, removeEntry, restartInspection, takePhoto } from './service';
import { saveDefaults, saveDefectCode, saveDesign, settingsView } from './settings';

const done = { ok: true as const };

// The qc procedures' handlers (joined in core/app/app.ts).
export const qcHandlers = handlers({
  'qc.waiting': (_input, ctx) => waitingLots(ctx.db),
  'qc.open': (input, ctx) => openInspection(ctx.db, input.lotId),
  'qc.logDefect': (input, ctx) => logDefect(ctx, input),
  'qc.markGood': (input, ctx) => markGood(ctx, input),
  'qc.measure': (input, ctx) => logMeasurement(ctx, input),
  'qc.takePhoto': (input, ctx) => takePhoto(ctx, input),
  'qc.photo': (input, ctx) => photoOf(ctx.db, input.photoId),
  'qc.removeEntry': (input, ctx) => removeEntry(ctx, input),
  'qc.decide': (input, ctx) => decide(ctx, input),
  'qc.sort': (input, ctx) => recordSort(ctx, input),
  'qc.approveReduced': async (input, ctx) => (await approveReducedInspection(ctx, input), done),
  'qc.restart': async (input, ctx) => (await restartInspection(ctx, input), done),
  'qc.settings': (_input, ctx) => settingsView(ctx.db),
  'qc.saveDefaults': async (input, ctx) => (await saveDefaults(ctx, input), done),
  'qc.saveDesign': async (input, ctx) => (await saveDesign(ctx, input), done),
  'qc.saveDefectCode': async (input, ctx) => (await saveDefectCode(ctx, input), done),
  'qc.quality': (input, ctx) => artisanQuality(ctx.db, input.artisanId),
  'qc.ranking': (_input, ctx) => qualityRanking(ctx.db, ctx.now()),
  'qc.exportCsv': (input, ctx) => inspectionsCsv(ctx.db, input.artisanId, ctx.now()),
});
