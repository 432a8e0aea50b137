import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseNumber, type NumberRule } from '../../../core/numbers/parseNumber';
import { FieldProblem } from '../feedback/FieldProblem';
import { numberMessage } from './ruleText';
import './numbers.css';

interface Props {
  /** Shown before the field; a field inside a table row may instead be named by ariaLabel alone. */
  label?: ReactNode;
  ariaLabel?: string;
  rule: NumberRule;
  /** The text as typed: the screen keeps it, and reads its value with parseNumber and the same rule. */
  value: string;
  onChange: (text: string) => void;
  name?: string;
  id?: string;
  size?: number;
  disabled?: boolean;
  autoFocus?: boolean;
  className?: string;
  placeholder?: string;
  testId?: string;
}

/**
 * The one number field of every screen: its unit beside it, and a text that is not one of its
 * values marked as it is typed, with the field's rule under it. The field is also invalid to its
 * form, so the form's submit does nothing but bring the person to it (see numbersReady for
 * actions outside a form's submit).
 */
export function NumberField({ label, ariaLabel, rule, value, onChange, name, id, size, disabled, autoFocus, className, placeholder, testId }: Props) {
  const { t, i18n } = useTranslation();
  const ownId = useId();
  const fieldId = id ?? ownId;
  const input = useRef<HTMLInputElement>(null);
  // Marked once typed into, or once something tried to use it: an empty form does not open in red.
  const [marked, setMarked] = useState(false);
  const reading = parseNumber(value, rule);
  const message = reading.ok ? null : numberMessage(t, i18n.language, rule, reading.problem);
  useEffect(() => input.current?.setCustomValidity(message ?? ''), [message]);
  const shown = marked && message !== null;
  return (
    <label htmlFor={fieldId} className={className}>
      {label}
      <span className="number-input">
        <input
          ref={input}
          id={fieldId}
          name={name}
          value={value}
          size={size ?? 7}
          disabled={disabled}
          autoFocus={autoFocus}
          inputMode={rule.decimals > 0 ? 'decimal' : 'numeric'}
          autoComplete="off"
          placeholder={placeholder}
          aria-label={ariaLabel}
          data-testid={testId}
          aria-invalid={shown}
          aria-describedby={shown ? `${fieldId}-problem` : undefined}
          onChange={(e) => {
            setMarked(true);
            onChange(e.target.value);
          }}
          onInvalid={(e) => {
            // The field says what is wrong under itself, in the person's language, instead of the browser's bubble.
            e.preventDefault();
            setMarked(true);
            if (firstInvalid(e.currentTarget.form) === e.currentTarget) e.currentTarget.focus();
          }}
        />
        {rule.unit && <span className="unit">{t(`numbers.unit.${rule.unit}`)}</span>}
      </span>
      <FieldProblem id={`${fieldId}-problem`} text={shown ? message : null} testId="number-problem" />
    </label>
  );
}

const firstInvalid = (root: ParentNode | null) => root?.querySelector<HTMLInputElement>('input:invalid') ?? null;

/**
 * For actions that are not a form's submit (a key such as F10, a button of type "button"): true when
 * every field inside `root` holds one of its values; otherwise each wrong field is marked and the
 * person is brought to the first.
 */
export function numbersReady(root: HTMLElement | null): boolean {
  if (!root) return false;
  const wrong = [...root.querySelectorAll('input')].filter((field) => !field.checkValidity());
  wrong[0]?.focus();
  return wrong.length === 0;
}
