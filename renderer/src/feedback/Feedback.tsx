import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CallError } from '../client/client';
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

export function useFeedback(): FeedbackApi {
  const api = useContext(FeedbackContext);
  if (!api) throw new Error('useFeedback outside FeedbackProvider');
  return api;
}

/** The text of an error in the person's language, from its code and parameters. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const body = error instanceof CallError ? error.body : { code: 'internal', params: {} };
      const key = `errors.${body.code}`;
      return i18n.exists(key) ? t(key, body.params) : t('errors.internal');
    },
    [t, i18n],
  );
}

let nextId = 1;

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const errorText = useErrorText();
  const push = useCallback((kind: Message['kind'], text: string) => {
    const id = nextId++;
    setMessages((list) => [...list.slice(-3), { id, kind, text }]);
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
      {children}
      <div className="messages" role="status" aria-live="assertive">
        {messages.map((m) => (
          <div key={m.id} className={`message message-${m.kind}`} data-testid={`message-${m.kind}`}>
            {m.text}
          </div>
        ))}
      </div>
    </FeedbackContext.Provider>
  );
}
