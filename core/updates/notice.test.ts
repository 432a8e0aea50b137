import { describe, expect, it } from 'vitest';
import type { Status } from '../api/contract';
import { createApp } from '../app/app';
import { loggedIn } from '../testing/joinSite';
import { demoStoreFile } from '../testing/tempStore';
import { updateDownloaded } from './notice';

describe('the status bar and a downloaded update', () => {
  it('names no new version until the desktop updater has downloaded one, then that version', async () => {
    const app = await createApp(await demoStoreFile(), { devicePollMs: 0 });
    try {
      const ask = await loggedIn(app, 'grace', '9999');
      expect((await ask<Status>('status.get')).update).toEqual({ readyVersion: null });
      updateDownloaded('0.2.0');
      expect((await ask<Status>('status.get')).update).toEqual({ readyVersion: '0.2.0' });
    } finally {
      await app.close();
    }
  });
});
