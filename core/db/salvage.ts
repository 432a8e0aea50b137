import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../kernel/errors';
import { localStamp } from '../backup/restore';
import { readUnsentWork } from '../backup/unsent';

// `hq salvage`: a store that is damaged (or a file that is not a store at all) is moved aside,
// never deleted, so the station can start again from the upstream's snapshot; what of this
// station's unsent work can still be read from it is counted, row by row past damaged pages.

export interface SalvageReport {
  keptAs: string;
  /** This station's events that never reached the upstream and can still be read (null: none could be read). */
  unsent: number | null;
  /** Events whose row could not be read (a damaged page): they may include unsent ones. */
  unreadable: number;
}

const sidecars = ['', '-wal', '-shm'];

/** Moves the store (with its -wal and -shm) to FILE.damaged-<local time> and counts what it still holds unsent. */
export async function salvageStore(file: string, now = new Date()): Promise<SalvageReport> {
  const target = path.resolve(file);
  if (!existsSync(target)) throw new AppError('store.cantOpen', `There is no store at ${target}`, { file: target });
  const keptAs = `${target}.damaged-${localStamp(now)}`;
  for (const suffix of sidecars) if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
  const work = await readUnsentWork(keptAs);
  return { keptAs, unsent: work?.events.length ?? null, unreadable: work?.unreadable ?? 0 };
}
