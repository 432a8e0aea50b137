import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs } from './catalogs';

export const languages = ['en', 'sw'] as const;
export type Language = (typeof languages)[number];

const stored = localStorage.getItem('karakana.language');
export const initialLanguage: Language = stored === 'sw' ? 'sw' : 'en';

void i18next.use(initReactI18next).init({
  resources: { en: { translation: catalogs.en }, sw: { translation: catalogs.sw } },
  lng: initialLanguage,
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

let chosenBeforeLogin: Language | null = null;

/** A language picked on the login screen: the person logging in keeps it, and it becomes theirs. */
export function chooseBeforeLogin(language: Language): void {
  chosenBeforeLogin = language;
  switchLanguage(language);
}

/** The language picked on the login screen, once: null when nobody picked one there. */
export function takeLoginChoice(): Language | null {
  const choice = chosenBeforeLogin;
  chosenBeforeLogin = null;
  return choice;
}

/** Switches the whole UI at once; remembered on this station for the login screen. */
export function switchLanguage(language: Language): void {
  localStorage.setItem('karakana.language', language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export default i18next;
