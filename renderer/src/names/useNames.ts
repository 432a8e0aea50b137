import { useTranslation } from 'react-i18next';
import { finishName, materialName } from '../../../core/reference/names';

// Finishes, materials and the platform's words as the person reads them, in the language they
// chose (core/reference/names): the English where the platform published no Swahili.

export interface Names {
  finish(code: string): string;
  material(code: string): string;
  /** The platform's words (a design's name, its checklist) in the person's language. */
  words<T>(english: T, swahili: T | null): T;
}

export function useNames(): Names {
  const { i18n } = useTranslation();
  const language = i18n.language === 'sw' ? 'sw' : 'en';
  return {
    finish: (code) => finishName(code, language),
    material: (code) => materialName(code, language),
    words: (english, swahili) => (language === 'sw' && swahili !== null ? swahili : english),
  };
}
