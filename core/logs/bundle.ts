import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Db } from '../db/schema';
import { userVersion } from '../db/store';
import { listPrinters } from '../printing/service';
import { listDevices } from '../station/service';
import { syncSummary } from '../sync/status';
import { redact } from './redact';
import { logFileOf, logFiles } from './stationLog';
import { versions } from './versions';

// A support bundle: one zip a technician sends to support, holding what they need to understand a
// station without its data: its logs, its status, its versions, its device set-up and its last sync
// errors. Each part that cannot be read (a damaged store) says why in its place; the rest is still written.

export interface BundleReport {
  file: string;
  bytes: number;
  entries: string[];
}

/** The store's reader, or why there is none (it could not be opened). */
export type StoreReading = { db: Db } | { error: string };

const json = (value: unknown) => strToU8(`${JSON.stringify(redact(value), null, 2)}\n`);

async function part(reading: StoreReading, read: (db: Db) => Promise<unknown>): Promise<Uint8Array> {
  if ('error' in reading) return json({ unreadable: reading.error });
  return read(reading.db).then(json, (error: unknown) => json({ unreadable: error instanceof Error ? error.message : String(error) }));
}

const bytesOf = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;

async function status(db: Db, storeFile: string) {
  const station = await db.selectFrom('station').select(['code', 'name']).executeTakeFirst();
  return {
    station: station ?? null,
    schemaVersion: await userVersion(db),
    storeBytes: { store: bytesOf(storeFile), wal: bytesOf(`${storeFile}-wal`) },
    sync: await syncSummary(db, null),
  };
}

async function deviceSetUp(db: Db) {
  return { devices: await listDevices(db), printers: await listPrinters(db) };
}

/** The last sync error the store holds, then the sync warnings and errors of the logs, oldest first. */
async function syncErrors(reading: StoreReading, logs: string[]): Promise<Uint8Array> {
  const state = 'db' in reading ? await reading.db.selectFrom('sync_state').select(['last_error', 'last_error_at']).executeTakeFirst().catch(() => undefined) : undefined;
  const stored = state?.last_error ? `Last sync error (${state.last_error_at}): ${JSON.stringify(redact(JSON.parse(state.last_error)))}` : 'No sync error is stored.';
  const lines = [...logs].reverse().flatMap((file) => readFileSync(file, 'utf8').split('\n')).filter((line) => / (WARN|ERROR) +sync /.test(line));
  return strToU8([stored, '', 'From the log:', ...lines.slice(-200)].join('\n') + '\n');
}

/** Writes the bundle to `out` (through a partial file, so a bundle is never half-written under its name). */
export async function writeSupportBundle(reading: StoreReading, storeFile: string, out: string): Promise<BundleReport> {
  const logs = logFiles(logFileOf(storeFile));
  const files: Zippable = {
    'status.json': await part(reading, (db) => status(db, storeFile)),
    'versions.json': await part(reading, versions),
    'devices.json': await part(reading, deviceSetUp),
    'sync-errors.txt': await syncErrors(reading, logs),
  };
  for (const log of logs) files[`logs/${path.basename(log)}`] = readFileSync(log);
  const zip = zipSync(files, { level: 6 });
  const partial = path.join(path.dirname(out), `.${path.basename(out)}.partial-${process.pid}`);
  try {
    writeFileSync(partial, zip);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file: out, bytes: zip.byteLength, entries: Object.keys(files) };
}
