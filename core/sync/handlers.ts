import { AppError } from '../kernel/errors';
import { handlers } from '../api/handler';
import type { Db } from '../db/schema';
import { isEmptyStore } from '../demo/seed';
import { nextFreeCode } from '../station/code';
import { resolveAttention } from './attention';
import { syncDetail } from './status';
import { stationCodes } from './client';
import { enrollStation, type SyncReport } from './sync';
import type { TokenVault } from './vault';

/** What the sync procedures need of the running app: its sync loop. */
export interface SyncControl {
  nextAttemptAt(): Date | null;
  runNow(): Promise<SyncReport>;
  /** Starts the loop once the station is enrolled. */
  enrolled(): void;
  vault: TokenVault;
}

interface JoinForm {
  url: string;
  siteKey?: string | undefined;
  insecureHttp?: boolean | undefined;
  stationCode?: string | undefined;
  stationName?: string | undefined;
}

/** What a person typed on the join or enroll form: a code and name not given come from the upstream. */
const joining = (input: JoinForm) => ({ code: input.stationCode ?? null, name: input.stationName ?? null, enrollKey: input.siteKey || null, insecureHttp: !!input.insecureHttp });

async function refuseUnlessEmpty(db: Db): Promise<void> {
  if (!(await isEmptyStore(db))) throw new AppError('setup.notEmpty', 'This store is already set up');
}

export function syncHandlers(control: SyncControl) {
  return handlers({
    'sync.status': (_input, ctx) => syncDetail(ctx.db, control.nextAttemptAt()),
    'sync.now': async () => {
      const { lots: _lots, ...report } = await control.runNow();
      return report;
    },
    'sync.enroll': async (input, ctx) => {
      await enrollStation(ctx.db, input.url, joining(input), ctx.now(), control.vault);
      control.enrolled();
      return syncDetail(ctx.db, control.nextAttemptAt());
    },
    'sync.resolve': async (input, ctx) => {
      await resolveAttention(ctx, input.eventId, input.resolution);
      return { ok: true as const };
    },
    // First start at a site: this empty store becomes the station the upstream names and loads the site.
    'setup.joinSite': async (input, ctx) => {
      await refuseUnlessEmpty(ctx.db);
      const station = await enrollStation(ctx.db, input.url, joining(input), ctx.now(), control.vault);
      // The site loads in the background (resumable page by page); the login screen shows how far.
      control.enrolled();
      return station;
    },
    // The next code of the chosen kind that no station at the site holds, asked with the site key.
    'setup.suggestCode': async (input, ctx) => {
      await refuseUnlessEmpty(ctx.db);
      const link = { url: input.url, token: null, timeoutMs: 10_000, ...(input.siteKey ? { enrollKey: input.siteKey } : {}) };
      return { code: nextFreeCode(input.letter, await stationCodes(link, input.insecureHttp)) };
    },
  });
}
