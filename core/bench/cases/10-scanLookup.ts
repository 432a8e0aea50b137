import type { BenchCase } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';

const lookups = 2_000;
const warmup = 100;

/** What a scan at the desk costs end to end: HTTP, session, scan.resolve, then lots.get with its history. */
export const benchCase: BenchCase = {
  name: 'scan → lot (HTTP: scan.resolve + lots.get)',
  targets: { p99: { below: 10 } },
  async run(env) {
    const lotIds = await env.randomLots(warmup + lookups);
    const samples = await timeEach(lotIds, warmup, async (code) => {
      const target = await env.call<{ kind: 'lot'; lotId: string }>('scan.resolve', { code });
      await env.call('lots.get', { lotId: target.lotId });
    });
    return latencyFigures(samples);
  },
};
