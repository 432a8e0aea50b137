import { useTranslation } from 'react-i18next';

/** Where a station joins its site: the upstream's address, the site key, and plain http only when asked for. */
export interface UpstreamLink {
  url: string;
  siteKey: string;
  insecureHttp: boolean;
}

export const noUpstreamLink: UpstreamLink = { url: '', siteKey: '', insecureHttp: false };

/** The fields of the first screen's join form and the Sync screen's enroll form. */
export function UpstreamFields({ link, onChange }: { link: UpstreamLink; onChange(link: UpstreamLink): void }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('sync.upstreamUrl')}
        <input value={link.url} onChange={(e) => onChange({ ...link, url: e.target.value })} placeholder="https://hq-hub:4280" name="upstream" />
      </label>
      <label>
        {t('sync.siteKey')}
        <input value={link.siteKey} onChange={(e) => onChange({ ...link, siteKey: e.target.value })} type="password" autoComplete="off" name="siteKey" />
      </label>
      <label className="inline">
        <input type="checkbox" checked={link.insecureHttp} onChange={(e) => onChange({ ...link, insecureHttp: e.target.checked })} name="insecureHttp" />
        {t('sync.allowHttp')}
      </label>
    </>
  );
}
