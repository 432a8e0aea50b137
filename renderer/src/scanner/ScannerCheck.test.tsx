import { fireEvent, screen } from '@testing-library/react';
import { beforeEach, expect, it } from 'vitest';
import { LotsScreen } from '../lots/LotsScreen';
import { useRoute } from '../router';
import { answer } from '../testing/fakeTransport';
import { renderScreen } from '../testing/renderScreen';
import { ScannerCheck } from './ScannerCheck';

// Esc on the scanner check goes to the person's landing screen. A key pressed right after it
// belongs to that screen: it is handled before the browser says the address changed.

function Station() {
  const route = useRoute();
  if (route.screen === 'scanner') return <ScannerCheck />;
  return route.screen === 'lots' ? <LotsScreen /> : null;
}

beforeEach(() => {
  location.hash = '#/scanner';
});

it('Ctrl+F pressed right after Esc puts the cursor in the Lots filter', async () => {
  answer('lots.page', () => ({ rows: [], hasMore: false }));
  answer('lots.count', () => ({ total: 0 }));
  await renderScreen(<Station />, { roles: ['supervisor'] });
  await screen.findByRole('heading', { name: 'Scanner check' });
  fireEvent.keyDown(window, { key: 'Escape' });
  fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
  expect(document.activeElement).toBe(screen.getByTestId('filter-id'));
});
