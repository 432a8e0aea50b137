// The desktop app's updates: electron-updater's generic provider, pointed at the upstream this
// station syncs with (upstream/updates.ts serves the feed). Thin on purpose: Electron cannot start
// on the build machines, so what can be tested lives in core/updates (the feed, the version order,
// the sha512 check) and this file only wires it to electron-updater (README, Known limits).
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { newerVersion, updatesUrl } from '../../core/updates/feed';
import { updateDownloaded, updateReady } from '../../core/updates/notice';

const everyMs = 60 * 60_000;
let configured = false;

/** electron-updater reading the feed at the upstream; it downloads by itself and installs at quit only. */
function updaterFor(upstream: string) {
  const { autoUpdater } = electronUpdater;
  if (!configured) {
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.on('update-downloaded', (info) => updateDownloaded(info.version));
    autoUpdater.on('error', (error) => console.error('karakana: update failed:', error.message));
    configured = true;
  }
  autoUpdater.setFeedURL({ provider: 'generic', url: updatesUrl(upstream) });
  return autoUpdater;
}

/**
 * Checks the station's upstream at start and every hour; a newer version downloads in the
 * background and installs when Karakana is closed, never in the middle of work (no quitAndInstall).
 */
export function keepUpToDate(upstream: () => Promise<string | null>): void {
  // An unpacked app (a checkout) has no installer to replace.
  if (!app.isPackaged) return;
  let checking = false;
  const check = async () => {
    if (checking || updateReady()) return;
    checking = true;
    try {
      const url = await upstream();
      // Asked first without electron-updater: an upstream with no updates folder is no error to log each hour.
      if (url && (await newerVersion(url, app.getVersion()).catch(() => null))) await updaterFor(url).checkForUpdates();
    } catch (error) {
      console.error('karakana: update check failed:', error);
    } finally {
      checking = false;
    }
  };
  void check();
  setInterval(() => void check(), everyMs).unref();
}
