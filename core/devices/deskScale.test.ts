import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bus } from '../app/bus';
import { openStore, type Store } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { DeskScale } from './deskScale';

// The demo station's desk scale (a simulated one, set up in its devices), as the weigh panel uses it.

let store: Store;
let bus: Bus;
let scale: DeskScale;

beforeEach(async () => {
  store = await openStore(await demoStoreFile());
  bus = new Bus();
  scale = new DeskScale(store.db, bus);
});
afterEach(async () => {
  await scale.close();
  store.close();
});

/** Resolves once the scale has reported `grams` stable (or at zero), as the panel's live reading shows it. */
function settledAt(grams: number): Promise<void> {
  return new Promise((resolve) => {
    const off = bus.subscribe('scale.reading', (reading) => {
      if (reading.stable && reading.grams === grams) (off(), resolve());
    });
  });
}

describe('the desk scale', () => {
  it('standing empty, says "nothing on the scale" at once rather than waiting for a load', async () => {
    const empty = settledAt(0);
    await scale.simulate(0);
    await empty;
    await expect(scale.capture()).rejects.toMatchObject({ code: 'scale.empty' });
    await scale.simulate(267.3);
    await expect(scale.capture()).resolves.toMatchObject({ grams: 267.3 });
    // Long enough for the old 15 s wait to end in its own error, so a regression fails by what it says.
  }, 20_000);
});
