import { useTranslation } from 'react-i18next';
import { finishName, materialName } from '../../../core/reference/names';

// Finishes and materials as the person reads them, in the language they chose (core/reference/names).

export interface Names {
  finish(code: string): string;
  material(code: string): string;
}

export function useNames(): Names {
  const { i18n } = useTranslation();
  const language = i18n.language === 'sw' ? 'sw' : 'en';
  return { finish: (code) => finishName(code, language), material: (code) => materialName(code, language) };
}
