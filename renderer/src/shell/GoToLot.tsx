import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShortcut } from './shortcuts';

/** Typing a lot code by hand (a torn label): the same lookup a scan makes. */
export function GoToLot({ open }: { open(code: string): Promise<void> }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useShortcut({ key: 'g', ctrl: true }, () => input.current?.focus());
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return;
    await open(code.trim());
    setCode('');
  };
  return (
    <form className="go-to-lot" onSubmit={submit} role="search">
      <input
        ref={input}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder={t('shell.goToLot')}
        aria-label={t('shell.goToLot')}
        data-testid="go-to-lot"
      />
    </form>
  );
}
