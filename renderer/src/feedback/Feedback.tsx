import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorParams } from '../../../core/kernel/errors';
import { CallError } from '../client/client';
import { finishName } from '../../../core/reference/names';
import { useRoleWords } from '../session/roleWords';
import { playScanError } from './sounds';

export interface Message {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface FeedbackApi {
  error(error: unknown): void;
  info(text: string): void;
}

const FeedbackContext = createContext<FeedbackApi | null>(null);
const MessagesContext = createContext<Message[]>([]);

export function useFeedback(): FeedbackApi {
  const api = useContext(FeedbackContext);
  if (!api) throw new Error('useFeedback outside FeedbackProvider');
  return api;
}

/** The text of an error in the person's language, from its code and parameters. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const roleWords = useRoleWords();
  // Input the contract refused: the field by its name in this language and what is wrong with it.
  const invalidInputText = useCallback(
    ({ field, problem, limit }: ErrorParams) => {
      // A value not in the right form says which form, where the field has one (a PIN: 4 to 8 digits).
      const hintKey = `errors.api.formHint.${field}`;
      const problemKey = problem === 'badForm' && i18n.exists(hintKey) ? hintKey : `errors.api.inputProblem.${problem}`;
      const what = t(i18n.exists(problemKey) ? problemKey : 'errors.api.inputProblem.invalid', { limit: Number(limit).toLocaleString(i18n.language) });
      const fieldKey = `fields.${field}`;
      return field && i18n.exists(fieldKey) ? t('errors.api.invalidInput', { field: t(fieldKey), problem: what }) : t('errors.api.invalidInputSomewhere', { problem: what });
    },
    [t, i18n],
  );
  return useCallback(
    (error: unknown) => {
      const body = error instanceof CallError ? error.body : { code: 'internal', params: {} };
      if (body.code === 'api.invalidInput') return invalidInputText(body.params);
      const key = `errors.${body.code}`;
      // A refusal names who may, and a finish, in words: never a procedure's name or a finish's code.
      const params: ErrorParams = { ...body.params };
      if (typeof params.roles === 'string') params.roles = roleWords(params.roles);
      if (typeof params.finish === 'string') params.finish = finishName(params.finish, i18n.language === 'sw' ? 'sw' : 'en');
      return i18n.exists(key) ? t(key, params) : t('errors.internal');
    },
    [t, i18n, invalidInputText, roleWords],
  );
}

let nextId = 1;

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const errorText = useErrorText();
  const push = useCallback((kind: Message['kind'], text: string) => {
    const id = nextId++;
    // At most three at once, the oldest going first; and never a success beside a failure: the newest
    // outcome replaces the other kind's, so one action cannot read as both done and refused.
    setMessages((list) => [...list.filter((m) => m.kind === kind).slice(-2), { id, kind, text }]);
    setTimeout(() => setMessages((list) => list.filter((m) => m.id !== id)), kind === 'error' ? 8000 : 4000);
  }, []);
  const api = useMemo<FeedbackApi>(
    () => ({
      error(error) {
        playScanError();
        push('error', errorText(error));
      },
      info(text) {
        push('info', text);
      },
    }),
    [push, errorText],
  );
  return (
    <FeedbackContext.Provider value={api}>
      <MessagesContext.Provider value={messages}>{children}</MessagesContext.Provider>
    </FeedbackContext.Provider>
  );
}

/**
 * The messages, where the screen puts them: the shell gives them a row of their own above the status
 * bar, so they push the screen up rather than cover its table or the bar; before login they float.
 */
export function Messages({ floating }: { floating?: boolean }) {
  const messages = useContext(MessagesContext);
  return (
    <div className={floating ? 'messages messages-floating' : 'messages'} role="status" aria-live="assertive">
      {messages.map((m) => (
        <div key={m.id} className={`message message-${m.kind}`} data-testid={`message-${m.kind}`}>
          {m.text}
        </div>
      ))}
    </div>
  );
}
