import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { answer, hold, publish, refusal, requests } from '../testing/fakeTransport';
import { renderScreen } from '../testing/renderScreen';
import { WeighPanel, type WeighTarget } from './WeighPanel';

// One delivery line at the scale, driven by keys as a clerk drives it (Alt+T, Alt+W, Enter), against
// the fake station: the scale's readings come from scale.capture, the receipt goes to receiving.receive.

const line: WeighTarget = { lineNo: 1, artisanOrderId: 'AO-1', designSku: 'BR-7', designName: 'Brass cuff', finish: 'gold', expected: 50, unitWeightG: 2, tolerancePct: 1 };

/** The panel open on line 1, the scale answering each capture with the next of these grams. */
async function atTheScale(grams: number[], language: 'en' | 'sw' = 'en') {
  const readings = [...grams];
  const done: string[] = [];
  answer('scale.watch', () => ({ device: 'scale-1' }));
  answer('status.get', () => {
    throw refusal('network');
  });
  answer('scale.capture', () => {
    const next = readings.shift();
    if (next === undefined) throw refusal('scale.unstable', { seconds: 5, last: '12.0 g' });
    return { grams: next, raw: `ST,GS,${next} g`, device: 'scale-1' };
  });
  answer('receiving.receive', () => ({ lotId: 'L-9', state: 'in_qc' }));
  const user = await renderScreen(<WeighPanel deliveryCode="D-1" target={line} onDone={() => done.push('done')} onClose={() => done.push('closed')} />, { roles: ['clerk'], language });
  await screen.findByTestId('weigh-panel');
  return { user, done };
}

const receipts = () => requests.filter((r) => r.name === 'receiving.receive').map((r) => r.input);
const text = (testId: string) => screen.getByTestId(testId).textContent;

describe('the weigh panel, by keys', () => {
  it('tares, weighs, proposes the count from the weight and receives it with Enter', async () => {
    const { user, done } = await atTheScale([10, 110]);
    publish('scale.reading', { device: 'scale-1', grams: 110.04, stable: true, status: 'stable', unit: 'g' });
    expect(await screen.findByText('110.0 g')).toBeTruthy();
    await user.keyboard('{Alt>}t{/Alt}');
    await user.keyboard('{Alt>}w{/Alt}');
    await waitFor(() => expect(text('net-weight')).toBe('100.0 g'));
    expect(text('proposal')).toBe('50 pieces');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('L-9: 50 pieces to QC, label queued.')).toBeTruthy();
    expect(receipts()).toEqual([
      {
        deliveryCode: 'D-1',
        lineNo: 1,
        artisanOrderId: 'AO-1',
        designSku: 'BR-7',
        finish: 'gold',
        quantity: 50,
        weighing: { method: 'scale', scaleId: 'scale-1', grossG: 110, tareG: 10, raw: 'ST,GS,110 g' },
        count: { method: 'weight', unitWeightG: 2, sampleSize: null },
        variance: null,
      },
    ]);
    expect(done).toEqual(['done']);
  });

  it('receives once however often Enter is pressed while the receipt is on its way', async () => {
    const { user, done } = await atTheScale([100]);
    await user.keyboard('{Alt>}w{/Alt}');
    await waitFor(() => expect(text('proposal')).toBe('50 pieces'));
    const slow = hold('receiving.receive');
    await user.keyboard('{Enter}{Enter}');
    expect(screen.getByTestId('receive').hasAttribute('disabled')).toBe(true);
    slow.release();
    expect(await screen.findByText('L-9: 50 pieces to QC, label queued.')).toBeTruthy();
    expect(receipts()).toHaveLength(1);
    expect(done).toEqual(['done']);
  });

  it('asks in Swahili why a short count differs, and receives nothing until told', async () => {
    const { user } = await atTheScale([90], 'sw');
    await user.keyboard('{Alt>}w{/Alt}');
    await waitFor(() => expect(text('proposal')).toBe('vipande 45'));
    expect(screen.getByText('Pungufu ya oda: kwa nini?')).toBeTruthy();
    // The weighing brought the keyboard to the reason: Enter there without one asks for it.
    expect(document.activeElement).toBe(screen.getByTestId('reason'));
    await user.keyboard('{Enter}');
    expect(text('weigh-error')).toBe('Chagua kwa nini idadi inatofautiana (↑ ↓), kisha Enter.');
    expect(receipts()).toEqual([]);
  });

  it('tells a scale that did not settle under the panel, and Esc leaves it', async () => {
    const { user, done } = await atTheScale([]);
    await user.keyboard('{Alt>}w{/Alt}');
    expect(await screen.findByText('The scale did not settle within 5 s (last: 12.0 g). Keep the bag still.')).toBeTruthy();
    expect(text('net-weight')).toBe('—');
    await user.keyboard('{Escape}');
    expect(done).toEqual(['closed']);
  });
});
