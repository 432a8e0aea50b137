// Electron's binary comes from GitHub. Its own install script is blocked in package.json
// (allowScripts) so that an install without that download still succeeds; here we run it
// ourselves and carry on, in one line, when it cannot download.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
let installer;
try {
  installer = require.resolve('electron/install.js');
} catch {
  process.exit(0); // production install without devDependencies: nothing to fetch
}
const result = spawnSync(process.execPath, [installer], { stdio: 'pipe', timeout: 300_000 });
const dist = path.join(path.dirname(installer), 'dist');
if (result.status === 0 && existsSync(dist)) {
  console.log('karakana: Electron binary installed; `npm start` opens the desktop window.');
} else {
  console.log('karakana: Electron binary could not be downloaded; `npm start` will serve the app as a browser station instead.');
}
