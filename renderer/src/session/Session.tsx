import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Output, User } from '../../../core/api/contract';
import { call, currentToken, setToken } from '../client/client';
import { switchLanguage, takeLoginChoice } from '../i18n/i18n';

type SetupState = Output<'setup.state'>;

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'unreachable' }
  | { phase: 'setup' }
  | { phase: 'login'; setup: SetupState }
  | { phase: 'ready'; user: User; setup: SetupState };

interface SessionApi {
  state: SessionState;
  refresh(): Promise<void>;
  loggedIn(token: string, user: User): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}

export function useUser(): User {
  const { state } = useSession();
  if (state.phase !== 'ready') throw new Error('useUser before login');
  return state.user;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });

  const refresh = useCallback(async () => {
    let setup: SetupState;
    try {
      setup = await call('setup.state', {});
    } catch {
      setState({ phase: 'unreachable' });
      return;
    }
    if (!setup.hasUsers && !setup.loading) return setState({ phase: 'setup' });
    if (currentToken()) {
      try {
        const user = await call('session.me', {});
        switchLanguage(user.language);
        return setState({ phase: 'ready', user, setup });
      } catch {
        setToken(null);
      }
    }
    setState({ phase: 'login', setup });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const loggedIn = useCallback(
    async (token: string, user: User) => {
      setToken(token);
      const chosen = takeLoginChoice();
      if (chosen && chosen !== user.language) await call('session.setLanguage', { language: chosen }).catch(() => undefined);
      switchLanguage(chosen ?? user.language);
      await refresh();
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    await call('session.logout', {}).catch(() => undefined);
    setToken(null);
    // A fresh page: no screen, subscription or cached row of the last user survives.
    location.hash = '';
    location.reload();
  }, []);

  return <SessionContext.Provider value={{ state, refresh, loggedIn, logout }}>{children}</SessionContext.Provider>;
}
