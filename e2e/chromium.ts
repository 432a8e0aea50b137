import { existsSync } from 'node:fs';

// Debian's Chromium (apt-get install chromium), never a browser downloaded by Playwright: this
// machine reaches no download host. Without one the suite fails here, it never skips.
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `No Chromium found (looked at ${candidates.join(', ')}). Install Debian's: sudo apt-get install -y chromium, or set CHROMIUM_PATH to a Chromium binary.`,
    );
  return found;
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
