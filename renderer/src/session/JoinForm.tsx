import { type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextFreeCode, stationKinds } from '../../../core/station/code';
import { call } from '../client/client';
import { noUpstreamLink, UpstreamFields } from '../sync/UpstreamFields';

interface Props {
  busy: boolean;
  run(work: () => Promise<unknown>): void;
}

const none = { desk: '', code: '', name: '' };

/**
 * A fresh store joins its site: the upstream's address, the site key, and what this station is,
 * as `hq sync --station CODE --name NAME` takes them. Choosing a kind suggests its next free code
 * (from the upstream when it tells, else the kind's first) and its name; both can be typed over.
 */
export function JoinForm({ busy, run }: Props) {
  const { t } = useTranslation();
  const [link, setLink] = useState(noUpstreamLink);
  const [station, setStation] = useState(none);
  const form = useRef<HTMLFormElement>(null);
  // The first screen opens on the join form's first field: a stray Enter there loads nothing.
  useLayoutEffect(() => form.current?.querySelector('input')?.focus(), []);

  const choose = (desk: string) => {
    const kind = stationKinds.find((k) => k.desk === desk);
    if (!kind) return setStation({ ...station, desk });
    const guess = nextFreeCode(kind.letter, []) ?? '';
    setStation({ desk, code: guess, name: t(`setup.kind.${desk}`) });
    if (!link.url) return;
    // The upstream's answer replaces the guess unless the person has typed a code meanwhile.
    call('setup.suggestCode', { ...link, letter: kind.letter }).then(
      ({ code }) => code && setStation((now) => (now.desk === desk && now.code === guess ? { ...now, code } : now)),
      () => undefined,
    );
  };

  // A closed list takes Enter as the text fields do: it joins.
  const enterJoins = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    form.current?.requestSubmit();
  };

  return (
    <form
      ref={form}
      onSubmit={(event) => {
        event.preventDefault();
        run(() => call('setup.joinSite', { ...link, stationCode: station.code.trim().toUpperCase(), stationName: station.name }));
      }}
    >
      <h2>{t('sync.joinTitle')}</h2>
      <p className="muted">{t('sync.joinText')}</p>
      <UpstreamFields link={link} onChange={setLink} />
      <div className="grid-2">
        <label>
          {t('setup.joinKind')}
          <select value={station.desk} onChange={(e) => choose(e.target.value)} onKeyDown={enterJoins} name="stationKind">
            <option value="">{t('setup.kindTyped')}</option>
            {stationKinds.map((k) => (
              <option key={k.desk} value={k.desk}>
                {t(`setup.kind.${k.desk}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('setup.joinCode')}
          <input value={station.code} onChange={(e) => setStation({ ...station, code: e.target.value })} maxLength={4} name="stationCode" autoComplete="off" />
        </label>
        <label>
          {t('setup.joinName')}
          <input value={station.name} onChange={(e) => setStation({ ...station, name: e.target.value })} maxLength={80} name="stationName" autoComplete="off" />
        </label>
      </div>
      <p className="muted">{t('setup.joinHint')}</p>
      <button type="submit" disabled={busy}>
        {t('sync.join')}
      </button>
    </form>
  );
}
