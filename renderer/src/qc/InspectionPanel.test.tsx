import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useRoute } from '../router';
import { hold, requests } from '../testing/fakeTransport';
import { renderScreen } from '../testing/renderScreen';
import { openBench } from './fakeBench';
import { QcScreen } from './QcScreen';

// The QC bench driven by keys as an inspector drives it, against the fake station (fakeBench.ts):
// what each key does on screen, and that keys pressed while a save is on its way are saved after
// it, in order, on the entries it left.

function Bench() {
  const route = useRoute();
  return route.screen === 'qc' ? <QcScreen lotId={route.arg} /> : null;
}

async function openLot(language: 'en' | 'sw' = 'en') {
  openBench();
  location.hash = '#/qc/L-1';
  const user = await renderScreen(<Bench />, { roles: ['inspector'], language });
  await screen.findByTestId('qc-pieces');
  return user;
}

/** The bench's saves, in the order the fake station received them. */
const saves = () => requests.filter((r) => !['setup.state', 'session.me', 'qc.open', 'qc.waiting'].includes(r.name)).map((r) => [r.name, r.input]);
const text = (testId: string) => screen.getByTestId(testId).textContent;
const pieceButton = (n: number) => within(screen.getByTestId('qc-pieces')).getByRole('option', { name: new RegExp(`^${n}`) });

beforeEach(() => {
  location.hash = '';
});

describe('the QC bench, by keys', () => {
  it('logs a defect by its key, moves between pieces and marks a piece good with Space', async () => {
    const user = await openLot();
    await user.keyboard('p');
    await waitFor(() => expect(text('qc-entries')).toContain('Casting porosity (Major)'));
    expect(text('qc-computed')).toBe('The plan says: reject');
    await user.keyboard('{ArrowRight}');
    expect(text('qc-piece')).toBe('Piece 2 of 3');
    await user.keyboard(' ');
    await waitFor(() => expect(pieceButton(2).textContent).toBe('2 ✓'));
    expect(text('qc-piece')).toBe('Piece 3 of 3');
    expect(text('qc-judged')).toBe('1 piece left to judge');
    expect(saves()).toEqual([
      ['qc.logDefect', { lotId: 'L-1', piece: 1, code: 'porosity' }],
      ['qc.markGood', { lotId: 'L-1', piece: 2 }],
    ]);
  });

  it('keeps keys pressed while a save is on its way and saves them after it, in order', async () => {
    const user = await openLot();
    const slow = hold('qc.logDefect');
    // Porosity on piece 1 taken back at once (Delete), then a scratch on piece 2: all before the first answer.
    await user.keyboard('p{Delete}{ArrowRight}s');
    expect(saves()).toEqual([['qc.logDefect', { lotId: 'L-1', piece: 1, code: 'porosity' }]]);
    slow.release();
    await waitFor(() => expect(pieceButton(2).textContent).toBe('21'));
    expect(saves()).toEqual([
      ['qc.logDefect', { lotId: 'L-1', piece: 1, code: 'porosity' }],
      ['qc.removeEntry', { lotId: 'L-1', entryId: 'e1' }],
      ['qc.logDefect', { lotId: 'L-1', piece: 2, code: 'scratch' }],
    ]);
    expect(pieceButton(1).textContent).toBe('1');
    expect(text('qc-entries')).toContain('Surface scratch (Minor)');
  });

  it('tells a refused save in Swahili and goes on with the next key on the entries before it', async () => {
    const user = await openLot('sw');
    // Space on a piece with a defect is refused by the core; Delete then takes back that defect.
    await user.keyboard('p {ArrowLeft}{Delete}');
    expect(await screen.findByText('Kipande 1 kina kasoro iliyoandikwa: iondoe (Delete) kabla ya kukiwekea alama ya kizuri.')).toBeTruthy();
    await waitFor(() => expect(saves()).toHaveLength(3));
    expect(saves()[2]).toEqual(['qc.removeEntry', { lotId: 'L-1', entryId: 'e1' }]);
    await waitFor(() => expect(text('qc-entries')).toContain('Bado hakijaamuliwa: Space kama ni kizuri, au kasoro zake'));
    expect(text('qc-piece')).toBe('Kipande 1 kati ya 3');
  });

  it('decides (F10) only once the entries pressed before it are saved', async () => {
    const user = await openLot();
    const slow = hold('qc.logDefect');
    await user.keyboard('p{F10}');
    expect(saves().map(([name]) => name)).toEqual(['qc.logDefect']);
    slow.release();
    expect(await screen.findByTestId('qc-last-decision')).toBeTruthy();
    expect(saves().map(([name]) => name)).toEqual(['qc.logDefect', 'qc.decide']);
    expect(text('qc-last-decision')).toBe('Lot L-1 accepted: 40 pieces on to refining.');
  });
});
