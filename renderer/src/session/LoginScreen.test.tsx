import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { answer, hold, refusal, requests } from '../testing/fakeTransport';
import { renderBeforeLogin } from '../testing/renderScreen';
import { LoginScreen } from './LoginScreen';

// Logging in by keys as a person does: the name, Tab, the PIN, Enter. The login screen opens on the
// name field.

const setup = { hasUsers: true, demo: true, station: null, loading: null };
const logins = () => requests.filter((r) => r.name === 'session.login').map((r) => r.input);

function station(refuse: boolean) {
  const wanjiru = { id: 'u-wanjiru', username: 'wanjiru', name: 'Wanjiru', roles: ['clerk' as const], language: 'en' as const, disabled: false };
  answer('session.login', () => {
    if (refuse) throw refusal('auth.badLogin');
    return { token: 't-wanjiru', user: wanjiru };
  });
  answer('session.me', () => wanjiru);
  return renderBeforeLogin(<LoginScreen setup={setup} />);
}

describe('the login screen, by keys', () => {
  it('sends one login however often Enter is pressed while it is on its way', async () => {
    const user = station(false);
    const slow = hold('session.login');
    await user.keyboard('wanjiru{Tab}1111{Enter}{Enter}');
    expect(screen.getByRole('button', { name: 'Log in' }).hasAttribute('disabled')).toBe(true);
    await user.keyboard('{Enter}');
    slow.release();
    // Logged in, the session asks who it is.
    await expect.poll(() => requests.some((r) => r.name === 'session.me')).toBe(true);
    expect(logins()).toEqual([{ username: 'wanjiru', pin: '1111' }]);
  });

  it.each([
    ['en', 'Log in', 'Wrong user name or PIN.'],
    ['sw', 'Ingia', 'Jina la mtumiaji au PIN si sahihi.'],
  ])('in %s, a refused login says why in the person’s language, keeps the typed name and clears the PIN', async (language, submit, why) => {
    const user = station(true);
    if (language === 'sw') await user.keyboard('{Alt>}l{/Alt}');
    await user.keyboard('wanjiru{Tab}0000{Enter}');
    expect((await screen.findByTestId('login-error')).textContent).toContain(why);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: language === 'sw' ? 'Jina la mtumiaji' : 'User name' }).value).toBe('wanjiru');
    expect(screen.getByLabelText<HTMLInputElement>('PIN').value).toBe('');
    expect(screen.getByRole('button', { name: submit }).hasAttribute('disabled')).toBe(false);
    expect(logins()).toEqual([{ username: 'wanjiru', pin: '0000' }]);
  });
});
