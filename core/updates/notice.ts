import { all, closeSqlite } from '../backup/check';
import { openSqlite, sqlite3 } from '../db/dialect';

// What the status bar says of updates. The desktop app's updater (electron/main/updates.ts) downloads
// a new version and tells it here; it installs when Karakana is closed. One station runs in a
// process (the desktop app), so the news is the process's own; a browser station never has any.

let downloaded: string | null = null;

/** A new version was downloaded and installs at quit. */
export function updateDownloaded(version: string): void {
  downloaded = version;
}

/** The version ready to install at quit, if any. */
export function updateReady(): string | null {
  return downloaded;
}

/**
 * The upstream the station in this store file is enrolled with: where its updates come from (null
 * before it enrolls). Read on a connection of its own: the desktop app holds its station only
 * through its calls, and a damaged store has none to ask.
 */
export async function updatesUpstream(file: string): Promise<string | null> {
  const db = await openSqlite(file, sqlite3.OPEN_READONLY);
  try {
    const [state] = await all<{ upstream_url: string }>(db, 'SELECT upstream_url FROM sync_state LIMIT 1');
    return state?.upstream_url ?? null;
  } finally {
    await closeSqlite(db);
  }
}
