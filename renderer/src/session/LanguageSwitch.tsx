import { useTranslation } from 'react-i18next';
import { call, currentToken } from '../client/client';
import { chooseBeforeLogin, languages, switchLanguage, type Language } from '../i18n/i18n';

/** EN | SW, at run time; remembered for the logged-in user too. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const choose = (language: Language) => {
    if (!currentToken()) return chooseBeforeLogin(language);
    switchLanguage(language);
    void call('session.setLanguage', { language }).catch(() => undefined);
  };
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
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
    </div>
  );
}
