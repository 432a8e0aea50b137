import { AppError } from '../api/errors';
import { handlers } from '../api/handler';
import { isEmptyStore } from '../demo/seed';
import { resolveAttention } from './attention';
import { syncDetail } from './status';
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

/** What a person typed on the join or enroll form: the station's code and name come from the upstream. */
const joining = (input: { siteKey?: string | undefined; insecureHttp?: boolean | undefined }) => ({ code: null, name: null, enrollKey: input.siteKey || null, insecureHttp: !!input.insecureHttp });

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
      if (!(await isEmptyStore(ctx.db))) throw new AppError('setup.notEmpty', 'This store is already set up');
      const station = await enrollStation(ctx.db, input.url, joining(input), ctx.now(), control.vault);
      // The site loads in the background (resumable page by page); the login screen shows how far.
      control.enrolled();
      return station;
    },
  });
}
