import { fireEvent, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { answer, hold, requests } from '../testing/fakeTransport';
import { renderScreen } from '../testing/renderScreen';
import { PutAwayPanel } from './PutAwayPanel';

// Put-away by scans: the lot, then its bin, as fast as a scanner reads them one after the other.

/** A scanner's read: its characters in one burst, then its Enter. */
function scan(code: string) {
  for (const key of code) fireEvent.keyDown(window, { key });
  fireEvent.keyDown(window, { key: 'Enter' });
}

it("puts a lot in the bin scanned right after it, while the lot's scan is still being looked up", async () => {
  answer('scan.resolve', ({ code }) => ({ kind: 'lot', lotId: code }));
  answer('packing.putAway', ({ lotCode, bin }) => ({ lotId: lotCode, bin }));
  const lookup = hold('scan.resolve');
  await renderScreen(<PutAwayPanel onDone={() => undefined} />, { roles: ['packer'] });
  await screen.findByTestId('put-away-panel');
  scan('L-26-R1-000191');
  scan('BIN-D04');
  lookup.release();
  expect((await screen.findByTestId('put-away-last')).textContent).toBe('L-26-R1-000191 is in BIN-D04');
  expect(requests.filter((r) => r.name === 'scan.resolve').map((r) => r.input)).toEqual([{ code: 'L-26-R1-000191' }]);
});
