import { render, screen } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import type { Role } from '../../../core/api/roles';
import { setToken } from '../client/client';
import { FeedbackProvider, Messages } from '../feedback/Feedback';
import { takeLoginChoice, type Language } from '../i18n/i18n';
import { ScannerProvider } from '../scanner/ScannerProvider';
import { SessionProvider, useSession } from '../session/Session';
import { answer } from './fakeTransport';

function WhenLoggedIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.phase !== 'ready') return null;
  return (
    <ScannerProvider fallback={() => undefined} onBadSuffix={() => undefined}>
      <main data-testid="logged-in">{children}</main>
      <Messages />
    </ScannerProvider>
  );
}

/**
 * A screen as a person logged in with these roles and language sees it: the real session,
 * feedback and scanner providers around it, the fake station behind `call`.
 */
export async function renderScreen(ui: ReactNode, person: { roles: Role[]; language?: Language }): Promise<UserEvent> {
  setToken('component-test');
  answer('setup.state', () => ({ hasUsers: true, demo: true, station: null, loading: null }));
  answer('session.me', () => ({ id: 'u-amina', username: 'amina', name: 'Amina', roles: person.roles, language: person.language ?? 'en', disabled: false }));
  const user = userEvent.setup();
  render(
    <SessionProvider>
      <FeedbackProvider>
        <WhenLoggedIn>{ui}</WhenLoggedIn>
      </FeedbackProvider>
    </SessionProvider>,
  );
  await screen.findByTestId('logged-in');
  return user;
}

/**
 * A screen shown before anyone logs in (the login screen), as the station shows it: the real
 * session and feedback providers, no session token, the demo store answering `setup.state`.
 */
export function renderBeforeLogin(ui: ReactNode): UserEvent {
  setToken(null);
  // Nobody has picked a language on this login screen yet (a test before may have, and not logged in).
  takeLoginChoice();
  answer('setup.state', () => ({ hasUsers: true, demo: true, station: null, loading: null }));
  const user = userEvent.setup();
  render(
    <SessionProvider>
      <FeedbackProvider>
        {ui}
        <Messages floating />
      </FeedbackProvider>
    </SessionProvider>,
  );
  return user;
}
