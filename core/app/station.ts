import { statSync } from 'node:fs';
import { toErrorBody, type AppError } from '../kernel/errors';
import { damagedStore, fileKind, isDamage, quickCheck, quickCheckAtStartBytes } from '../db/health';
import { createApp, type App, type AppOptions } from './app';
import { isStoreProblem, refusingStation, withBackupHint, type Station } from './storeProblem';

/** The store's size when SQLite's quick_check should read it (an existing SQLite file), else 0. */
function checkedBytes(file: string): number {
  return fileKind(file) === 'sqlite' ? statSync(file).size : 0;
}

export interface StoreChecks {
  /** Stores up to this size get SQLite's quick_check before start. */
  wholeAtStartUpTo: number;
  /** Larger stores get it after start, in the background (tests turn it off to see a query meet the damage). */
  inBackground: boolean;
}

const storeChecks: StoreChecks = { wholeAtStartUpTo: quickCheckAtStartBytes, inBackground: true };

/**
 * The station over its store, for the station server and Electron. A small store is checked whole
 * before start, a large one in the background after. A store that is damaged, empty or another
 * program's gives a station that answers every call with what was found; damage met later (the
 * check, or any query) closes the store and from then on every call answers store.damaged.
 */
export async function openStationApp(file: string, options: AppOptions = {}, checks = storeChecks): Promise<Station> {
  const bytes = checkedBytes(file);
  let damage: Promise<AppError> | null = null;
  let app: App;
  // Damage met while createApp sets the station up has no app yet to log to or close: the refusing station answers instead.
  let started = false;
  try {
    const fault = bytes > 0 && bytes <= checks.wholeAtStartUpTo ? await quickCheck(file) : null;
    if (fault) throw damagedStore(file, fault);
    app = await createApp(file, { ...options, onDamaged: (error) => void damaged(error) });
    started = true;
  } catch (error) {
    // Damage met while the station starts (its set-up reads before any check on a large store).
    const problem = isDamage(error) ? damagedStore(file, (error as Error).message) : error;
    if (isStoreProblem(problem)) return refusingStation(file, await withBackupHint(file, problem));
    throw error;
  }
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= app.close());
  function damaged(error: unknown): Promise<AppError> {
    damage ??= withBackupHint(file, damagedStore(file, error instanceof Error ? error.message : String(error))).then((found) => {
      if (!started) return found;
      app.log.error('station', `${found.message}; every call now answers store.damaged`, { code: found.code });
      void close().catch(() => undefined);
      return found;
    });
    return damage;
  }
  if (checks.inBackground && bytes > checks.wholeAtStartUpTo)
    void quickCheck(file).then(
      (fault) => void (fault && damaged(new Error(fault))),
      () => undefined,
    );
  return {
    bus: app.bus,
    log: app.log,
    close,
    async call(call) {
      if (damage) return { ok: false, error: toErrorBody(await damage) };
      const result = await app.call(call);
      return damage ? { ok: false, error: toErrorBody(await damage) } : result;
    },
  };
}
