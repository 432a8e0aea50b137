import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../../core/api/contract';
import { answer, hold, refusal, requests } from '../testing/fakeTransport';
import { renderScreen } from '../testing/renderScreen';
import { BoxPanel } from './BoxPanel';

// The open box at the packing table, driven by keys as a packer drives it (Alt+W weighs, F10 ships),
// against the fake station.

type Order = Output<'packing.open'>;
const box: Order['boxes'][number] = {
  id: 'B-1',
  no: 1,
  boxType: 'S',
  status: 'open',
  station: 'P1',
  service: null,
  trackingNumber: null,
  weightG: null,
  shippedAt: null,
  sscc: null,
  override: null,
  items: [{ lotId: 'L-1', lineNo: 1, quantity: 2 }],
  pieces: 2,
  expectedG: 120,
  toleranceG: 10,
};
const order: Order = {
  order: { id: 'CO-1', customer: 'Duka', country: 'KE', shipTo: { city: 'Nairobi' }, service: 'DHL Express', currency: 'KES', dueOn: '2026-12-10', status: 'packing' },
  lines: [],
  boxes: [box],
  station: 'P1',
  carrierLabel: null,
  boxTypes: [],
};

async function atThePackingTable(language: 'en' | 'sw' = 'en') {
  const changes: string[] = [];
  answer('scale.watch', () => ({ device: 'scale-1' }));
  answer('status.get', () => {
    throw refusal('network');
  });
  answer('scale.capture', () => ({ grams: 125, raw: 'ST,GS,125 g', device: 'scale-1' }));
  answer('packing.checkWeight', ({ grams }) => ({ expectedG: 120, toleranceG: 10, differenceG: grams - 120, ok: Math.abs(grams - 120) <= 10 }));
  answer('packing.ship', ({ trackingNumber }) => {
    if (!trackingNumber) throw refusal('packing.trackingRequired');
    return { trackingNumber, jobs: [
      { jobId: 'J-1', template: 'shipping-label', printer: 'label' },
      { jobId: 'J-2', template: 'packing-slip', printer: 'receipt' },
    ], orderStatus: 'packing' };
  });
  const user = await renderScreen(<BoxPanel view={order} box={box} onChange={() => changes.push('changed')} />, { roles: ['packer'], language });
  await screen.findByTestId('box-panel');
  return { user, changes };
}

const shipments = () => requests.filter((r) => r.name === 'packing.ship').map((r) => r.input);

describe('the open box, by keys', () => {
  it('weighs with Alt+W and ships once with F10, however often F10 is pressed while it is on its way', async () => {
    const { user, changes } = await atThePackingTable();
    await user.keyboard('{Alt>}w{/Alt}');
    expect(await screen.findByText('Weighed 125 g · Weight matches (+5 g)')).toBeTruthy();
    // The carrier's tracking number, typed where Alt+T brings the keyboard.
    await user.keyboard('{Alt>}t{/Alt}1Z999');
    const slow = hold('packing.ship');
    await user.keyboard('{F10}{F10}');
    expect(screen.getByTestId('ship').hasAttribute('disabled')).toBe(true);
    slow.release();
    expect(await screen.findByText('Box shipped with 1Z999: 2 labels queued')).toBeTruthy();
    expect(shipments()).toEqual([{ boxId: 'B-1', service: 'DHL Express', trackingNumber: '1Z999', weighing: { grams: 125, method: 'scale' }, override: null }]);
    expect(changes).toEqual(['changed']);
  });

  it('tells a missing tracking number under its field in Swahili, and F10 again tries again', async () => {
    const { user } = await atThePackingTable('sw');
    await user.keyboard('{F10}');
    expect(await screen.findByText('Changanua au andika namba ya ufuatiliaji kutoka kwenye lebo ya msafirishaji.')).toBeTruthy();
    expect(screen.getByTestId('tracking').getAttribute('aria-invalid')).toBe('true');
    await user.keyboard('{F10}');
    await waitFor(() => expect(shipments()).toHaveLength(2));
  });
});
