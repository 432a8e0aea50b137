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
  rendererFile,
  rendererHeaders,
  windowOpenDecision,
  windowOptions,
} from './security';

const rendererFolder = path.resolve('/opt/Karakana/resources/app.asar/out/renderer');
const installed = appOrigin(undefined, true);
const dev = appOrigin('http://localhost:5173', false);
const fileUrl = (file: string) => pathToFileURL(file).href;
const indexPage = 'karakana://app/index.html';

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

  it('refuses every file:// page, even the renderer’s own index.html', () => {
    expect(isAllowedSender(fileUrl(path.join(rendererFolder, 'index.html')), true, installed)).toBe(false);
    expect(isAllowedSender(fileUrl('/tmp/evil.html'), true, installed)).toBe(false);
  });

  it('refuses another host, a port or a user on the app’s scheme', () => {
    expect(isAllowedSender('karakana://evil/index.html', true, installed)).toBe(false);
    expect(isAllowedSender('karakana://app:8080/index.html', true, installed)).toBe(false);
    expect(isAllowedSender('karakana://mallory@app/index.html', true, installed)).toBe(false);
    expect(isAllowedSender('karakana:app/index.html', true, installed)).toBe(false);
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

describe('which file a karakana://app request gets', () => {
  const inRenderer = (...segments: string[]) => path.join(rendererFolder, ...segments);

  it('serves the index page for the app’s root and the files of the build by their paths', () => {
    expect(entryUrl(installed)).toBe('karakana://app/index.html');
    expect(rendererFile('karakana://app/', rendererFolder)).toBe(inRenderer('index.html'));
    expect(rendererFile('karakana://app/index.html#/lots/L-26-R1-000012', rendererFolder)).toBe(inRenderer('index.html'));
    expect(rendererFile('karakana://app/assets/index-eyGdJLjH.js?v=2', rendererFolder)).toBe(inRenderer('assets', 'index-eyGdJLjH.js'));
    expect(rendererFile('karakana://app/fonts/Noto%20Sans.woff2', rendererFolder)).toBe(inRenderer('fonts', 'Noto Sans.woff2'));
  });

  it('keeps dot segments inside the renderer folder (the URL resolves them before the path is made)', () => {
    expect(rendererFile('karakana://app/../../main/index.js', rendererFolder)).toBe(inRenderer('main', 'index.js'));
    expect(rendererFile('karakana://app/%2e%2e/%2E%2E/etc/passwd', rendererFolder)).toBe(inRenderer('etc', 'passwd'));
  });

  it('refuses encoded separators, backslashes, empty segments, NUL, streams and broken escapes', () => {
    for (const url of [
      'karakana://app/..%2F..%2Fmain%2Findex.js',
      'karakana://app/assets%2F..%2F..%2Fpreload%2Findex.cjs',
      'karakana://app/..%5C..%5Cmain%5Cindex.js',
      'karakana://app/..\\..\\main\\index.js',
      'karakana://app//etc/passwd',
      'karakana://app/assets//index.js',
      'karakana://app/index.html%00.js',
      'karakana://app/index.html%3A%3A%24DATA',
      'karakana://app/C:%5CWindows%5Cwin.ini',
      'karakana://app/%E0%A4%A',
    ])
      expect(rendererFile(url, rendererFolder), url).toBeNull();
  });

  it('refuses any other host, port, user or scheme', () => {
    for (const url of [
      'karakana://evil/index.html',
      'karakana://app:8080/index.html',
      'karakana://mallory@app/index.html',
      'karakana:app/index.html',
      'https://app/index.html',
      fileUrl(path.join(rendererFolder, 'index.html')),
      'not a url',
    ])
      expect(rendererFile(url, rendererFolder), url).toBeNull();
  });

  it('answers with the type a module script needs, the window’s policy and no sniffing', () => {
    expect(rendererHeaders(inRenderer('assets', 'index-eyGdJLjH.js'), installed)).toEqual({
      'content-type': 'text/javascript; charset=utf-8',
      'content-security-policy': contentSecurityPolicyFor(installed),
      'x-content-type-options': 'nosniff',
    });
    expect(rendererHeaders(inRenderer('index.html'), installed)['content-type']).toBe('text/html; charset=utf-8');
    expect(rendererHeaders(inRenderer('assets', 'index.css'), installed)['content-type']).toBe('text/css; charset=utf-8');
    expect(rendererHeaders(inRenderer('assets', 'blob.bin'), installed)['content-type']).toBe('application/octet-stream');
  });
});

describe('where the app comes from', () => {
  it('ignores ELECTRON_RENDERER_URL in an installed app', () => {
    expect(appOrigin('http://localhost:5173', true)).toEqual({ kind: 'app' });
  });

  it('accepts a dev server only on this machine', () => {
    expect(() => appOrigin('https://example.com', false)).toThrow(/on this machine/);
    expect(() => appOrigin('http://192.168.1.20:5173', false)).toThrow(/on this machine/);
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

  it('lets the installed window connect nowhere: it reaches the core over IPC', () => {
    expect(contentSecurityPolicyFor(installed)).toMatch(/connect-src 'none';/);
    expect(contentSecurityPolicyFor(installed)).not.toMatch(/ws:|wss:|\*/);
  });

  it('lets the dev page connect only to its own server (Vite’s hot reload)', () => {
    expect(contentSecurityPolicyFor(dev)).toMatch(/connect-src 'self';/);
    expect(contentSecurityPolicyFor(dev)).not.toMatch(/ws:|wss:/);
  });
});
