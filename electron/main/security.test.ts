import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  appOrigin,
  contentSecurityPolicyFor,
  entryUrl,
  isAllowedNavigation,
  isAllowedSender,
  permissionDecision,
  windowOpenDecision,
  windowOptions,
} from './security';

const rendererFolder = path.resolve('/opt/Karakana/resources/app.asar/out/renderer');
const installed = appOrigin(undefined, true, rendererFolder);
const dev = appOrigin('http://localhost:5173', false, rendererFolder);
const fileUrl = (file: string) => pathToFileURL(file).href;
const indexPage = fileUrl(path.join(rendererFolder, 'index.html'));

describe('which pages may call the core over IPC', () => {
  it('serves the installed app page in the main frame, on any screen', () => {
    expect(isAllowedSender(indexPage, true, installed)).toBe(true);
    expect(isAllowedSender(`${indexPage}#/lots/L-0042`, true, installed)).toBe(true);
  });

  it('refuses the app page when it is loaded in a subframe', () => {
    expect(isAllowedSender(indexPage, false, installed)).toBe(false);
    expect(isAllowedSender('http://localhost:5173/', false, dev)).toBe(false);
  });

  it('refuses a page from a foreign origin', () => {
    expect(isAllowedSender('https://example.com/', true, installed)).toBe(false);
    expect(isAllowedSender('https://example.com/', true, dev)).toBe(false);
    expect(isAllowedSender('http://localhost:5174/', true, dev)).toBe(false);
    expect(isAllowedSender('http://127.0.0.1:5173/', true, dev)).toBe(false);
  });

  it('refuses a file:// page outside the renderer folder', () => {
    expect(isAllowedSender(fileUrl('/tmp/evil.html'), true, installed)).toBe(false);
    expect(isAllowedSender(fileUrl(`${rendererFolder}-copy/index.html`), true, installed)).toBe(false);
    expect(isAllowedSender(`${fileUrl(rendererFolder)}/../../evil.html`, true, installed)).toBe(false);
    expect(isAllowedSender(`${fileUrl(rendererFolder)}/..%2F..%2Fevil.html`, true, installed)).toBe(false);
    expect(isAllowedSender(fileUrl(rendererFolder), true, installed)).toBe(false);
  });

  it('refuses the dev server page in the installed app, and file pages in development', () => {
    expect(isAllowedSender('http://localhost:5173/', true, installed)).toBe(false);
    expect(isAllowedSender(indexPage, true, dev)).toBe(false);
  });

  it('refuses what is not a URL at all', () => {
    expect(isAllowedSender('', true, installed)).toBe(false);
    expect(isAllowedSender('about:blank', true, installed)).toBe(false);
  });
});

describe('where the window may navigate', () => {
  it('blocks the web', () => {
    expect(isAllowedNavigation('https://example.com', installed)).toBe(false);
    expect(isAllowedNavigation('https://example.com', dev)).toBe(false);
  });

  it('blocks files outside the app, javascript: and data: pages', () => {
    expect(isAllowedNavigation(fileUrl('/etc/passwd'), installed)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', installed)).toBe(false);
    expect(isAllowedNavigation('data:text/html,<h1>hi</h1>', installed)).toBe(false);
  });

  it('allows the app itself', () => {
    expect(isAllowedNavigation(entryUrl(installed), installed)).toBe(true);
    expect(isAllowedNavigation(entryUrl(dev), dev)).toBe(true);
  });
});

describe('where the app comes from', () => {
  it('ignores ELECTRON_RENDERER_URL in an installed app', () => {
    expect(appOrigin('http://localhost:5173', true, rendererFolder)).toEqual({ kind: 'files', folder: rendererFolder });
  });

  it('accepts a dev server only on this machine', () => {
    expect(() => appOrigin('https://example.com', false, rendererFolder)).toThrow(/on this machine/);
    expect(() => appOrigin('http://192.168.1.20:5173', false, rendererFolder)).toThrow(/on this machine/);
  });
});

describe('the window', () => {
  const options = windowOptions('/app/out/preload/index.cjs');

  it('isolates and sandboxes the page and gives it no Node', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('is at least as wide as the screens are laid out for', () => {
    expect(options.minWidth).toBeGreaterThanOrEqual(1024);
  });

  it('opens no other windows and grants no permissions', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    expect(permissionDecision()).toBe(false);
  });
});

describe('the content security policy', () => {
  it('runs only the app’s own scripts in the installed app', () => {
    const policy = contentSecurityPolicyFor(installed);
    expect(policy).toMatch(/script-src 'self';/);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
  });

  it('allows inline scripts only for the dev server’s React Refresh', () => {
    expect(contentSecurityPolicyFor(dev)).toMatch(/script-src 'self' 'unsafe-inline';/);
  });
});
