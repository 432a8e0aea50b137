import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { openStationApp } from '../app/station';
import { startServer } from '../server/server';
import { exit } from '../kernel/command';
import { waitForSignal } from './signals';

/** The folder a browser station keeps its store in; Electron uses its own userData folder. */
export function dataFolder(): string {
  if (process.env.KARAKANA_HOME) return process.env.KARAKANA_HOME;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? os.homedir(), 'Karakana');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'karakana');
}

/** The Electron binary when its download succeeded at install, read without loading electron. */
function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const root = path.dirname(require.resolve('electron/package.json'));
    const relative = readFileSync(path.join(root, 'path.txt'), 'utf8').trim();
    const binary = path.join(root, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export async function startStation(port: number, rendererRoot: string): Promise<number> {
  const binary = electronBinary();
  const appRoot = path.resolve(rendererRoot, '../..');
  if (binary) {
    const child = spawn(binary, [appRoot], { stdio: 'inherit' });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? exit.ok)));
  }
  const folder = dataFolder();
  mkdirSync(folder, { recursive: true });
  const app = await openStationApp(path.join(folder, 'station.db'));
  const server = await startServer(app, { port, host: '127.0.0.1', rendererRoot }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  console.log(`Electron is not installed here; serving Karakana as a browser station: ${server.url}`);
  await waitForSignal();
  await server.close();
  await app.close();
  return exit.ok;
}
