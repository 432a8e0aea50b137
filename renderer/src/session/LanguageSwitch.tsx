import { useTranslation } from 'react-i18next';
import { call, currentToken } from '../client/client';
import { chooseBeforeLogin, languages, switchLanguage, type Language } from '../i18n/i18n';
import { useShortcut } from '../shell/shortcuts';

/** EN | SW, at run time (Alt+L swaps them, from any screen or field); remembered for the logged-in user too. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const choose = (language: Language) => {
    if (!currentToken()) return chooseBeforeLogin(language);
    switchLanguage(language);
    void call('session.setLanguage', { language }).catch(() => undefined);
  };
  useShortcut({ key: 'l', alt: true }, () => choose(languages.find((l) => l !== i18n.language) ?? 'en'));
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')} aria-keyshortcuts="Alt+L" title={t('language.switchKey')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          aria-pressed={i18n.language === language}
          onClick={() => choose(language)}
          data-testid={`language-${language}`}
        >
          {t(`language.${language}`)}
        </button>
      ))}
      <kbd>Alt+L</kbd>
    </div>
  );
}
