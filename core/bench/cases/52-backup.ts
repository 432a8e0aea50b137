import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { takeBackup } from '../../backup/backup';
import type { BenchCase } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';

const warmup = 100;
const quietLookups = 1_000;

/**
 * A scheduled backup of the whole store (as the station takes one, in one read transaction on
 * SQLite's worker thread), and what a scan at the desk costs while it runs, next to a scan without it.
 */
export const benchCase: BenchCase = {
  name: 'backup of the store, and a scan (HTTP: scan.resolve + lots.get) while it runs',
  targets: {},
  async run(env) {
    const scan = async (code: string) => {
      const target = await env.call<{ kind: 'lot'; lotId: string }>('scan.resolve', { code });
      await env.call('lots.get', { lotId: target.lotId });
    };
    const quiet = await timeEach(await env.randomLots(warmup + quietLookups), warmup, scan);

    const folder = mkdtempSync(path.join(os.tmpdir(), 'karakana-bench-backup-'));
    try {
      const lots = await env.randomLots(2_000);
      const during: number[] = [];
      let done = false;
      const backup = takeBackup(env.file, path.join(folder, 'backup.db')).finally(() => (done = true));
      for (let i = 0; !done; i++) {
        const start = performance.now();
        await scan(lots[i % lots.length]!);
        during.push(performance.now() - start);
      }
      const report = await backup;
      return [
        { name: 'backup, written and checked', value: report.ms / 1000, unit: 's' },
        { name: 'backup file', value: report.bytes / 2 ** 20, unit: 'MB' },
        ...latencyFigures(quiet, 'scan without backup'),
        ...latencyFigures(during, 'scan during backup'),
        { name: 'scans during backup', value: during.length, unit: '' },
      ];
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
