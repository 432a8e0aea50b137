import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { ScanDetector, type Burst } from '../../../renderer/src/scanner/detector';
import type { CallResult } from '../../api/dispatch';
import { scaleOptions } from '../../devices/deskScale';
import { nextStableReading, simulatedScales, type Scale } from '../../devices/scales';
import { startServer } from '../../server/server';
import { listDevices } from '../../station/service';
import type { BenchCase, BenchEnv, Figure } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';

const noticeScans = 1_000;
const warmup = 50;
const stableRuns = 50;
const captures = 20;
const scansPerSecond = 30;
const burstSeconds = 10;

/** A client of a station server, as the renderer is: HTTP calls with its session's token. */
function client(url: string, token: string) {
  return async <T>(procedure: string, input: unknown): Promise<T> => {
    const response = await fetch(`${url}/api/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ input }),
    });
    const result = (await response.json()) as CallResult;
    if (!result.ok) throw new Error(`${procedure} failed: ${result.error.code} ${result.error.message}`);
    return result.data as T;
  };
}

/** Notice scan to expected lines: what the receiving screen does with a scanned notice (scan.resolve, then receiving.open). */
async function noticeFigures(env: BenchEnv, notices: string[]): Promise<Figure[]> {
  const codes = Array.from({ length: warmup + noticeScans }, (_, i) => notices[i % notices.length]!);
  const scanToLines = await timeEach(codes, warmup, async (code) => {
    const target = await env.call<{ kind: string; code: string }>('scan.resolve', { code });
    await env.call('receiving.open', { code: target.code });
  });
  const openOnly = await timeEach(codes, warmup, async (code) => {
    await env.call('receiving.open', { code });
  });
  return [...latencyFigures(scanToLines, 'notice scan → lines (scan.resolve + receiving.open)'), ...latencyFigures(openOnly, 'receiving.open alone')];
}

/**
 * Calls `fn` with a function giving the time of the scale's latest reading, taken by a listener
 * registered before any other on this scale, so before the app's own (which it must precede:
 * what the app does with a reading is what is timed).
 */
function lastReadingClock(scale: Scale): { at: () => number; off: () => void } {
  let at = Number.NaN;
  const off = scale.on('reading', () => void (at = performance.now()));
  return { at: () => at, off };
}

/** The stable-reading rule's own cost: from the report that completes the run of equal stable reports to nextStableReading resolving. */
async function stableRuleFigures(): Promise<Figure[]> {
  // Reports every 20 ms instead of a bench scale's 100: the same path per report, more samples a second.
  const scale = simulatedScales.get('bench', { intervalMs: 20 });
  const clock = lastReadingClock(scale);
  try {
    const samples: number[] = [];
    for (let i = 0; i < stableRuns; i++) {
      const grams = 100 + i * 7.5;
      scale.set(grams);
      const reading = await nextStableReading(scale, { acceptZero: false, timeoutMs: 5_000 });
      samples.push(performance.now() - clock.at());
      if (reading.grams !== grams) throw new Error(`Captured ${reading.grams} g of ${grams} g`);
    }
    return latencyFigures(samples, 'stable report → nextStableReading');
  } finally {
    clock.off();
    await scale.close();
  }
}

/**
 * The station's scale (the demo's simulated 'Bench scale', 10 reports a second) opened through
 * scale.watch as the weighing panel opens it; a WebSocket client logged in as the clerk receives
 * 'scale.reading'. While loads are put on and captured (scale.simulate, scale.capture over HTTP),
 * every reading is timed from the scale's report to its arrival at the client, and every capture
 * from the report that completed its stable run to the answer.
 */
async function stationScaleFigures(env: BenchEnv): Promise<Figure[]> {
  const device = (await listDevices(env.app.store.db)).find((d) => d.kind === 'scale');
  if (!device) throw new Error('The bench store has no scale device');
  const id = scaleOptions(device).device;
  // Made here first (as openScale makes it: default options) so that the clock's listener comes first.
  const opened = simulatedScales.byId.has(id);
  const scale = simulatedScales.get(id);
  if (opened) console.error(`70-receiving: ${id} was already open; readings are timed after the app's listener`);
  const clock = lastReadingClock(scale);
  const pending: { at: number; grams: number | null; status: string }[] = [];
  let recording = false;
  const offQueue = scale.on('reading', (r) => void (recording && pending.push({ at: performance.now(), grams: r.grams, status: r.status })));

  const server = await startServer(env.app, { port: 0, host: '127.0.0.1', rendererRoot: path.resolve('out/renderer') });
  const { token } = await env.call<{ token: string }>('session.login', { username: 'wanjiru', pin: '1111' });
  const call = client(server.url, token);
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws`);
  try {
    const wsDelays: number[] = [];
    let outOfStep = 0;
    let subscribed: () => void = () => undefined;
    const firstReading = new Promise<void>((resolve) => (subscribed = resolve));
    socket.on('message', (data) => {
      const arrived = performance.now();
      const message = JSON.parse(String(data)) as { topic: string; payload: { grams: number | null; status: string } };
      if (message.topic !== 'scale.reading') return;
      // Readings come 100 ms apart and arrive well within that: from the first one on, each
      // reading made after it arrives in order.
      if (!recording) {
        recording = true;
        return subscribed();
      }
      const sent = pending.shift();
      if (!sent || sent.grams !== message.payload.grams || sent.status !== message.payload.status) outOfStep++;
      else wsDelays.push(arrived - sent.at);
    });
    await new Promise<void>((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ token }));
    await call('scale.watch', {});
    await Promise.race([firstReading, sleep(5_000).then(() => Promise.reject(new Error('No scale.reading reached the WebSocket client')))]);

    const captureDelays: number[] = [];
    for (let i = 0; i < captures; i++) {
      const grams = 250 + i * 12.5;
      await call('scale.simulate', { grams });
      const captured = await call<{ grams: number }>('scale.capture', {});
      captureDelays.push(performance.now() - clock.at());
      if (captured.grams !== grams) throw new Error(`Captured ${captured.grams} g of ${grams} g`);
    }
    await call('scale.simulate', { grams: 0 });
    if (outOfStep) throw new Error(`${outOfStep} 'scale.reading' messages arrived out of step with the scale's reports`);
    return [
      ...latencyFigures(wsDelays, 'reading → WebSocket client'),
      { name: 'readings timed to the WebSocket client', value: wsDelays.length, unit: 'readings' },
      ...latencyFigures(captureDelays, 'stable report → scale.capture answer over HTTP'),
    ];
  } finally {
    recording = false;
    offQueue();
    clock.off();
    socket.terminate();
    await server.close();
  }
}

/**
 * A scanner in continuous mode: 30 codes a second for 10 seconds, typed as a USB keyboard types
 * (0.5-2 ms between keys, Enter after each code), fed with those times to the renderer's
 * ScanDetector (pure; no timers). Counted: codes that come out intact and in order, and any lost,
 * merged, split or leaked into the focused field as typing. Then the codes go, at the pace they
 * were scanned, through the receiving screen's handler queue as ScannerProvider runs it, one after
 * another: how far handling falls behind the scanner.
 */
async function scanBurstFigures(env: BenchEnv, notices: string[]): Promise<Figure[]> {
  const total = scansPerSecond * burstSeconds;
  const lots = await env.randomLots(total);
  const codes = lots.map((lot, i) => (i % 5 === 4 ? notices[i % notices.length]! : lot));
  const bursts: Burst[] = [];
  let leaked = 0;
  const detector = new ScanDetector({ burst: (b) => bursts.push(b), typed: (text) => void (leaked += text.length) });
  const slot = 1000 / scansPerSecond;
  const endedAt: number[] = [];
  for (const [i, code] of codes.entries()) {
    let t = i * slot;
    if (i > 0 && t <= endedAt[i - 1]!) throw new Error(`Code ${i} would start before the one before it ended`);
    for (const char of code) {
      detector.character(char, t);
      t += 0.5 + env.random.next() * 1.5;
    }
    detector.terminator('enter', t);
    endedAt.push(t);
  }
  detector.idle(endedAt.at(-1)! + 1_000);
  const intact = bursts.filter((b, i) => b.text === codes[i] && b.terminator === 'enter').length;
  // A merge or a split shifts every burst after it out of place: counted as wrong from there on.
  const wrong = total - intact + Math.max(0, bursts.length - total);

  // Handling at the scanner's pace through one queue (ScannerProvider), each scan as the receiving screen handles it.
  const call = env.call;
  let queue: Promise<void> = Promise.resolve();
  const lags: number[] = [];
  let handled = 0;
  const start = performance.now();
  for (const [i, burst] of bursts.entries()) {
    const wait = start + endedAt[i]! - performance.now();
    if (wait > 0) await sleep(wait);
    const arrived = performance.now();
    queue = queue.then(async () => {
      const target = await call<{ kind: 'lot'; lotId: string } | { kind: 'notice'; code: string }>('scan.resolve', { code: burst.text });
      if (target.kind === 'notice') await call('receiving.open', { code: target.code });
      else await call('lots.get', { lotId: target.lotId });
      handled++;
      lags.push(performance.now() - arrived);
    });
  }
  await queue;
  return [
    { name: `scans detected intact and in order, of ${total}`, value: intact, unit: 'scans' },
    { name: 'scans lost, merged or split', value: wrong, unit: 'scans' },
    { name: 'scanner keys leaked to the focused field', value: leaked, unit: 'keys' },
    { name: `scans handled (scan.resolve, then receiving.open or lots.get), of ${total}`, value: handled, unit: 'scans' },
    ...latencyFigures(lags, 'handled after the scan (queue lag + handling)'),
  ];
}

/** The receiving desk on the bench store: notice scan to expected lines, scale report to screen, a scanner burst. */
export const benchCase: BenchCase = {
  name: 'receiving desk: notice scan, scale to screen, scanner burst',
  targets: {
    'notice scan → lines (scan.resolve + receiving.open) p99': { below: 50 },
    'stable report → nextStableReading p99': { below: 100 },
    'reading → WebSocket client p99': { below: 100 },
    'stable report → scale.capture answer over HTTP p99': { below: 100 },
    'scans lost, merged or split': { below: 1 },
  },
  async run(env) {
    const notices = (await env.app.store.db.selectFrom('delivery_notices').select('code').orderBy('code').execute()).map((n) => n.code);
    if (!notices.length) throw new Error('The bench store has no delivery notices');
    return [...(await noticeFigures(env, notices)), ...(await stableRuleFigures()), ...(await stationScaleFigures(env)), ...(await scanBurstFigures(env, notices))];
  },
};
