import { useCallback, useId, useState } from 'react';
import { CallError } from '../client/client';
import { useErrorText } from './Feedback';

/**
 * What is wrong with a field, under it and read with it (the field's aria-describedby names `id`):
 * a number typed out of its rule (NumberField) or a save the core refused because of this field.
 */
export function FieldProblem({ id, text, testId, alert }: { id: string; text: string | null; testId: string; alert?: boolean }) {
  if (text === null) return null;
  return (
    <span id={id} className="field-problem" role={alert ? 'alert' : undefined} data-testid={testId}>
      {text}
    </span>
  );
}

/**
 * A form's refused save, told beside the field that caused it: the field the contract named for
 * input it refused, or the form's field that `fieldOf` (a module constant) gives for a rule's code
 * or for a contract's field inside one of the form's (a shift's `weekdays` in the shifts); a
 * refusal no field of the form caused is the form's `other`, shown under it (or, where a form has
 * no place for it, a message: `refuse` says whether a field took it).
 */
export function useRefusal(fields: readonly string[], fieldOf: Readonly<Record<string, string>>) {
  const errorText = useErrorText();
  const base = useId();
  const [refusal, setRefusal] = useState<{ field: string | null; text: string } | null>(null);
  const refuse = useCallback(
    (error: unknown) => {
      const body = error instanceof CallError ? error.body : null;
      const named = body?.code === 'api.invalidInput' ? String(body.params.field ?? '') : body?.code;
      const mapped = named === undefined ? undefined : (fieldOf[named] ?? named);
      const field = mapped !== undefined && fields.includes(mapped) ? mapped : null;
      setRefusal({ field, text: errorText(error) });
      return field !== null;
    },
    [errorText, fields, fieldOf],
  );
  const at = (field: string) => (refusal?.field === field ? refusal.text : null);
  const problemId = (field: string) => `${base}-${field}-problem`;
  return {
    refuse,
    clear: useCallback(() => setRefusal(null), []),
    /** The field's marks: invalid, and described by its problem, while the refusal is its. */
    marks: (field: string) => ({ 'aria-invalid': at(field) !== null, 'aria-describedby': at(field) === null ? undefined : problemId(field) }),
    problem: (field: string) => <FieldProblem id={problemId(field)} text={at(field)} testId={`${field}-problem`} alert />,
    other: refusal?.field === null ? refusal.text : null,
  };
}
