import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Status } from '../../../core/api/contract';

type HubLink = NonNullable<Status['sync']['hub']>;

/** A hub's link to the cloud in the person's words: "2 hours 5 minutes", "1,204 events". */
export function hubWords(t: TFunction, language: string) {
  const duration = (ms: number) => {
    const minutes = Math.floor(ms / 60_000);
    const hours = Math.floor(minutes / 60);
    if (minutes < 1) return t('sync.hub.lessThanMinute');
    if (hours < 1) return t('sync.hub.minutes', { count: minutes });
    if (hours >= 48) return t('sync.hub.days', { count: Math.floor(hours / 24) });
    const h = t('sync.hub.hours', { count: hours });
    return minutes % 60 ? `${h} ${t('sync.hub.minutes', { count: minutes % 60 })}` : h;
  };
  /** "The hub has not reached the cloud for 2 hours; 1,204 events wait there." */
  const line = (hub: HubLink) => {
    const words = { count: hub.waiting, events: hub.waiting.toLocaleString(language === 'sw' ? 'sw-KE' : 'en-KE'), duration: duration(hub.unreachedMs) };
    if (hub.linked) return t('sync.hub.linked', words);
    return t(hub.everLinked ? 'sync.hub.unlinked' : 'sync.hub.neverLinked', words);
  };
  return { duration, line };
}

export function useHubWords() {
  const { t, i18n } = useTranslation();
  return hubWords(t, i18n.language);
}
