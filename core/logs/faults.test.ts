import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createApp, type App } from '../app/app';
import { PrinterEmulator } from '../printing/emulator';
import { example, fastQueue, login, ok, queue, setUpPrinter } from '../printing/testing';
import { demoStoreFile, tempDir } from '../testing/tempStore';

// The demo station with a printer on a real TCP port that goes away and comes back, and a backup
// into a real folder: what a technician then reads in station.log.

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const logOf = (app: App) => path.join(path.dirname(app.store.file), 'station.log');

/** Waits, as a technician tailing the file does, for a line matching `pattern`. */
async function lineMatching(app: App, pattern: RegExp): Promise<string> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const line = readFileSync(logOf(app), 'utf8').split('\n').find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no line matching ${pattern} in:\n${readFileSync(logOf(app), 'utf8')}`);
}

it('logs a printer gone offline and back, a job it did not take, and a backup', async () => {
  const app = await createApp(await demoStoreFile(), { devicePollMs: 100, printing: fastQueue });
  open.push(app);
  const token = await login(app);
  const printer = await new PrinterEmulator({ language: 'zpl' }).start();
  await setUpPrinter(app, token, printer);
  const name = `Printer ${printer.port}`;
  await printer.stop();

  expect(await lineMatching(app, new RegExp(` WARN  device ${name} is offline `))).toContain(`"detail":"${printer.address} does not answer"`);
  await queue(app, 'lot-label', example('lot-label'));
  expect(await lineMatching(app, new RegExp(` WARN  printer ${name}: `))).toMatch(/"code":"printing\.\w+"/);
  const back = await new PrinterEmulator({ language: 'zpl' }).start(printer.port);
  open.push({ close: () => back.stop() });
  await lineMatching(app, new RegExp(` INFO  device ${name} is ready `));

  const folder = tempDir();
  await ok(app, token, 'backup.schedule', { folder, intervalMinutes: 60, keep: 2 });
  expect(await lineMatching(app, / INFO  backup backed up \d+ events to /)).toContain(folder);
});
