import { describe, expect, it } from 'vitest';
import { catalogs, type Catalog } from '../i18n/catalogs';

// A scale's errors reach the clerk at the weigh panel: the station has one scale, and its internal
// id (sim:0192…, serial:/dev/ttyUSB0) tells a person nothing. Only badDevice quotes what an admin typed.

describe("the scale's errors", () => {
  for (const language of ['en', 'sw'] as const)
    it(`never show the scale's device id, in ${language}`, () => {
      const scale = (catalogs[language].errors as Catalog).scale as Catalog;
      expect(Object.keys(scale).length).toBeGreaterThan(10);
      for (const [code, text] of Object.entries(scale)) if (code !== 'badDevice') expect(text, code).not.toContain('{{device}}');
    });
});
