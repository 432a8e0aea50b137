import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NumberRule } from '../../../core/numbers/parseNumber';
import { describeRule } from '../numbers/ruleText';
import { readPairs } from './pairs';

/** A list of figures by name, marked as it is typed like a NumberField: the wrong entry named under it, and the field invalid to its form. */
export function PairsField({ label, rule, value, onChange }: { label: string; rule: NumberRule; value: string; onChange(text: string): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [marked, setMarked] = useState(false);
  const reading = readPairs(value, rule);
  const message = reading.ok ? null : t('numbers.pair', { entry: reading.entry, rule: describeRule(t, i18n.language, rule) });
  useEffect(() => input.current?.setCustomValidity(message ?? ''), [message]);
  const shown = marked && message !== null;
  return (
    <label htmlFor={id}>
      {label}
      <input
        ref={input}
        id={id}
        className="wide"
        value={value}
        autoComplete="off"
        aria-invalid={shown}
        aria-describedby={shown ? `${id}-problem` : undefined}
        onChange={(e) => {
          setMarked(true);
          onChange(e.target.value);
        }}
        onInvalid={(e) => {
          e.preventDefault();
          setMarked(true);
        }}
      />
      {shown && (
        <span id={`${id}-problem`} className="number-problem" data-testid="number-problem">
          {message}
        </span>
      )}
    </label>
  );
}
