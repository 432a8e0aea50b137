import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

// Packaging cannot run here (it downloads Electron), so the config is held to the schema that
// electron-builder itself validates against, with the same validator it uses.
const require = createRequire(import.meta.url);
// js-yaml ships no types; this is the one function used.
const yaml = require('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  icon: string;
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { extraFiles: unknown[] };
  nsis: { artifactName: string };
}

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };

describe('electron-builder.yml', () => {
  it('matches electron-builder’s schema', () => {
    expect(validate(config) ? [] : validate.errors).toEqual([]);
  });

  it('is checked for real: a misspelt option is refused', () => {
    expect(validate({ ...config, nsis: { oneclick: false } })).toBe(false);
  });

  it('packs the build and package.json, not the sources', () => {
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(packageJson.main.startsWith('out/')).toBe(true);
  });

  it('unpacks the native modules from the asar and does not rebuild them', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/sqlite3/**', 'node_modules/@serialport/**']));
    expect(config.npmRebuild).toBe(false);
  });

  it('installs hq.cmd beside Karakana.exe running it with --hq', () => {
    expect(config.win.extraFiles).toEqual([{ from: 'resources/windows/hq.cmd', to: 'hq.cmd' }]);
    expect(readFileSync('resources/windows/hq.cmd', 'utf8')).toContain('start "" /wait "%~dp0Karakana.exe" --hq %*\r\n');
  });

  it('names the Windows installer without spaces, as latest.yml names it for the updates folder', () => {
    expect(config.nsis.artifactName).toBe('${productName}-Setup-${version}.${ext}');
  });

  it('flips every fuse that would let a local program take over the installed app', () => {
    // Each name is also held to electron-builder's schema above, so a misspelt fuse fails there.
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
  });

  it('is checked for real: a misspelt fuse is refused', () => {
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodeJs: false } })).toBe(false);
  });

  it('has a 512×512 PNG icon where electron-builder looks for it, in resources/', () => {
    expect(config.icon).toBe('resources/icon.png');
    const png = readFileSync(config.icon);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('ships the icon, the sounds and the fonts the app reads at run time as real files beside app.asar', () => {
    // electron-builder copies each matched file of `from` to the same place under resources/`to`.
    const [shipped] = config.extraResources;
    expect(config.extraResources).toHaveLength(1);
    expect([shipped!.from, shipped!.to]).toEqual(['resources', 'resources']);
    const packaged = ['icon.png', 'sounds/scan-ok.wav', 'sounds/scan-error.wav', 'fonts/DejaVuSansMono.ttf', 'fonts/DejaVuSansMono-Bold.ttf', 'fonts/DejaVuSansCondensed-Bold.ttf'];
    for (const file of packaged) {
      expect(existsSync(path.join('resources', file)), file).toBe(true);
      expect(shipped!.filter.some((pattern) => path.matchesGlob(file, pattern)), file).toBe(true);
    }
    // Only what the app reads: not the service units, the examples or the Windows hq.cmd.
    for (const file of ['service/karakana-upstream.service', 'examples/site/artisans.csv', 'windows/hq.cmd'])
      expect(shipped!.filter.some((pattern) => path.matchesGlob(file, pattern)), file).toBe(false);
  });
});
