import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import { describeEvent } from './describeEvent';

// The finish words a clerk reads, written out here (not read from core/reference/names).
const finishWords = { en: { 'raw-brass': 'Raw brass', polished: 'Polished' }, sw: { 'raw-brass': 'Shaba ghafi', polished: 'Iliyong’arishwa' } } as const;

// A lot's history and the Sync screen's needs-attention list say what happened in the person's
// words: never an event's code name, never a missing string's key, in both languages.

async function translator(language: 'en' | 'sw'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { [language]: { translation: catalogs[language] } }, interpolation: { escapeValue: false } });
  return instance.t;
}

const events: [string, Record<string, unknown>][] = [
  ['lot.received', { state: 'in_qc', weightG: 41.5, quantity: 20 }],
  ['lot.moved', { from: 'in_qc', to: 'refining', quantity: 5, reason: null }],
  ['quarantine.decided', { to: 'in_qc', quantity: 12, designSku: 'BR-CUF-009', finish: 'raw-brass', reason: 'hammered cuffs' }],
  ['quarantine.decided', { to: 'returned', quantity: 12, designSku: 'BR-CUF-001', finish: 'polished', reason: 'not ordered' }],
  ['quarantine.decided', { to: 'scrapped', quantity: 12, designSku: 'BR-CUF-001', finish: 'polished', reason: 'broken in the bag' }],
  ['packing.putAway', { bin: 'BIN-C02' }],
  ['packing.allocationPinned', { orderId: 'CO-26-4903', lineNo: 1, quantity: 4, reason: 'priority' }],
  ['packing.allocationPinned', { orderId: 'CO-26-4903', lineNo: 1, quantity: 0, reason: 'released' }],
  ['packing.packed', { orderId: 'CO-26-4903', quantity: 4, moves: true }],
  ['packing.packed', { orderId: 'CO-26-4903', quantity: 4 }],
  ['packing.unpacked', { reason: 'colour', quantity: 4 }],
  ['packing.boxOpened', { orderId: 'CO-26-4903', boxType: 'medium' }],
  ['packing.shipped', { orderId: 'CO-26-4903', trackingNumber: '1Z999AA10123456784' }],
  ['packing.lotShipped', { orderId: 'CO-26-4903', quantity: 4 }],
  ['packing.leftOut', { orderId: 'CO-26-4903', quantity: 2 }],
  ['plating.lotStarted', { batchId: 'PB-2', pieces: 10 }],
  ['plating.checkMoved', { batchId: 'PB-2', to: 'finished', quantity: 8 }],
  ['plating.batchStarted', { batchId: 'PB-2' }],
  ['plating.batchFinished', { batchId: 'PB-2', metalUsedG: 1.2 }],
  ['plating.metalOverridden', { batchId: 'PB-2', metalUsedG: 0, expectedG: 7.7, reason: 'anode bag torn' }],
  ['plating.batchMoved', { batchId: 'PB-2' }],
  ['plating.batchLocked', { batchId: 'PB-2', locked: true }],
  ['plating.planPublished', { batches: [{}, {}] }],
  ['plating.lotChecked', { lotId: 'L-1', batchId: 'PB-2', passed: 8, rework: 2 }],
  ['plating.readingLogged', { batchId: 'PB-2' }],
  ['metal.weighed', { step: 'plating', direction: 'in', pieces: 10, grams: 41.2 }],
  ['qc.photoTaken', { piece: 3 }],
  ['qc.reducedApproved', { artisanId: 'A-00029', designSku: 'BR-NCK-012' }],
  ['qc.supportRestarted', { artisanId: 'A-00029', designSku: 'BR-NCK-012', reason: 'trained' }],
];

describe('an event in words', () => {
  for (const language of ['en', 'sw'] as const)
    it(`names every lot, box, batch and plan event in ${language === 'en' ? 'English' : 'Swahili'}`, async () => {
      const t = await translator(language);
      const finish = (code: string) => finishWords[language][code as keyof (typeof finishWords)['en']] ?? code;
      for (const [type, payload] of events) {
        const { what } = describeEvent(t, type, payload, finish);
        expect(what, type).not.toBe(type);
        // A key printed for a missing string, or a placeholder left unfilled.
        expect(what, type).not.toMatch(/\b(history|states|packing|plating|qc|quarantine)\.[a-zA-Z.]+|\{\{/);
        // A finish in words, never its code ("as BR-CUF-009 raw-brass" read as code on a Swahili page).
        expect(what, type).not.toMatch(/\b(raw-brass|polished)\b/);
      }
      const decided = describeEvent(t, 'quarantine.decided', events[2]![1], finish).what;
      expect(decided).toContain(finishWords[language]['raw-brass']);
    });
});
