import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../db/store';
import { seedDemo } from '../demo/seed';

// Real SQLite files in throwaway folders, removed when the test file is done.

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder under the system's temp folder. */
export function tempDir(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'karakana-test-'));
  folders.push(folder);
  return folder;
}

/** A path for a store file that does not exist yet, in its own folder. */
export function tempStoreFile(name = 'station.db'): string {
  return path.join(tempDir(), name);
}

let demoTemplate: Promise<string> | undefined;

/** A fresh copy of a store holding the demo headquarters (seeded once per test file: scrypt and 120 lots take a while). */
export async function demoStoreFile(): Promise<string> {
  demoTemplate ??= (async () => {
    const file = tempStoreFile('demo-template.db');
    const store = await openStore(file);
    await seedDemo(store.db);
    await store.close(); // the last close checkpoints the WAL into the file, so the file alone is the store
    return file;
  })();
  const copy = tempStoreFile();
  copyFileSync(await demoTemplate, copy);
  return copy;
}
