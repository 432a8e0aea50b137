import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SyncDetail } from '../../../core/api/contract';
import { answer, hold, refusal, requests } from '../testing/fakeTransport';
import { renderScreen } from '../testing/renderScreen';
import { SyncScreen } from './SyncScreen';

// The Sync screen of an enrolled station, driven by its key (Alt+S syncs now) against the fake station.

const detail: SyncDetail = {
  enrolled: true,
  upstreamUrl: 'https://hq.example',
  insecure: false,
  enrolledAt: '2026-12-01T08:00:00.000Z',
  pending: 4,
  oldestPendingAt: null,
  lastSuccessAt: null,
  lastError: null,
  lastErrorAt: null,
  clockOffsetMs: 0,
  clockWarning: false,
  hub: null,
  cursor: 0,
  nextAttemptAt: null,
  attention: [],
};

async function syncScreen(language: 'en' | 'sw', syncNow: () => { pushed: number; pulled: number; rejected: number }, shown = detail) {
  answer('sync.status', () => shown);
  answer('sync.now', () => ({ ...syncNow(), held: 0, conflicts: 0, cursor: 9, head: 9 }));
  const user = await renderScreen(<SyncScreen />, { roles: ['supervisor'], language });
  await screen.findByTestId('sync-now');
  return user;
}

const syncs = () => requests.filter((r) => r.name === 'sync.now');

describe('the sync screen, by keys', () => {
  it.each([
    ['en', 'Synced: 4 sent, 7 received, 0 refused.'],
    ['sw', 'Imesawazishwa: 4 yametumwa, 7 yamepokelewa, 0 yamekataliwa.'],
  ])('in %s, syncs once however often Alt+S is pressed while a sync is on its way, then says what it did', async (language, done) => {
    const user = await syncScreen(language as 'en' | 'sw', () => ({ pushed: 4, pulled: 7, rejected: 0 }));
    const slow = hold('sync.now');
    await user.keyboard('{Alt>}s{/Alt}{Alt>}s{/Alt}');
    expect(screen.getByTestId('sync-now').hasAttribute('disabled')).toBe(true);
    slow.release();
    expect(await screen.findByText(done)).toBeTruthy();
    expect(syncs()).toHaveLength(1);
    // Done, the next Alt+S syncs again.
    await user.keyboard('{Alt>}s{/Alt}');
    await expect.poll(() => syncs().length).toBe(2);
  });

  it('says in Swahili why the upstream refused the sync, and takes the next Alt+S', async () => {
    const user = await syncScreen('sw', () => {
      throw refusal('sync.unauthorized');
    });
    await user.keyboard('{Alt>}s{/Alt}');
    expect(await screen.findByText('Mfumo mkuu haukubali tokeni ya kituo hiki (hakijasajiliwa huko, au imefutwa).')).toBeTruthy();
    await user.keyboard('{Alt>}s{/Alt}');
    await expect.poll(() => syncs().length).toBe(2);
  });
});

describe("a supervisor's decision on what needs attention", () => {
  it('is sent once however often Enter is pressed on it while it is on its way', async () => {
    const move = { lotId: 'L-7', from: 'in_qc', to: 'finished', quantity: 5, reason: null };
    const conflict = { eventId: 'e-1', kind: 'conflict' as const, reason: 'lot.notEnoughPieces', params: {}, at: '2026-12-01T09:00:00.000Z', lotId: 'L-7', current: null, resolution: null };
    const item = { ...conflict, event: { type: 'lot.moved', station: 'Q1', seq: 3, at: '2026-12-01T08:30:00.000Z', userName: 'Otieno', payload: move } };
    const user = await syncScreen('en', () => ({ pushed: 0, pulled: 0, rejected: 0 }), { ...detail, attention: [item] });
    answer('sync.resolve', () => ({ ok: true as const }));
    const slow = hold('sync.resolve');
    const acknowledge = await screen.findByRole('button', { name: "Let the upstream's version stand" });
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(acknowledge);
    await user.keyboard('{Enter}{Enter}');
    slow.release();
    await expect.poll(() => requests.filter((r) => r.name === 'sync.status').length).toBe(2);
    expect(requests.filter((r) => r.name === 'sync.resolve').map((r) => r.input)).toEqual([{ eventId: 'e-1', resolution: 'acknowledge' }]);
  });
});
