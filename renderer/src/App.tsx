import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { currentStoreProblem, onStoreProblem } from './client/client';
import { FeedbackProvider, Messages } from './feedback/Feedback';
import { LoginScreen } from './session/LoginScreen';
import { SessionProvider, useSession } from './session/Session';
import { SetupScreen } from './session/SetupScreen';
import { Shell } from './shell/Shell';
import { StoreProblemScreen } from './storeProblem/StoreProblemScreen';

function Phase() {
  const { t } = useTranslation();
  const { state, refresh } = useSession();
  switch (state.phase) {
    case 'loading':
      return <p className="centered">{t('shell.loading')}</p>;
    case 'unreachable':
      return (
        <main className="centered">
          <p role="alert">{t('errors.network')}</p>
          <button type="button" onClick={() => void refresh()} autoFocus>
            {t('shell.retry')}
          </button>
        </main>
      );
    case 'setup':
      return <SetupScreen />;
    case 'login':
      return <LoginScreen setup={state.setup} />;
    case 'ready':
      return <Shell />;
  }
}

// Logged in, the shell shows the messages in its own row.
function MessagesBeforeLogin() {
  const { state } = useSession();
  return state.phase === 'ready' ? null : <Messages floating />;
}

export function App() {
  const storeProblem = useSyncExternalStore(onStoreProblem, currentStoreProblem);
  if (storeProblem) return <StoreProblemScreen problem={storeProblem} />;
  return (
    <SessionProvider>
      <FeedbackProvider>
        <Phase />
        <MessagesBeforeLogin />
      </FeedbackProvider>
    </SessionProvider>
  );
}
