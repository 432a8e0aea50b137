import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  directories: { buildResources: string };
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { extraFiles: unknown[] };
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

  it('unpacks the fonts resvg reads itself, and installs hq.cmd beside Karakana.exe running it with --hq', () => {
    expect(config.asarUnpack).toContain('node_modules/dejavu-fonts-ttf/**');
    expect(config.win.extraFiles).toEqual([{ from: 'resources/windows/hq.cmd', to: 'hq.cmd' }]);
    expect(readFileSync('resources/windows/hq.cmd', 'utf8')).toContain('start "" /wait "%~dp0Karakana.exe" --hq %*\r\n');
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

  it('has a 512×512 PNG icon where electron-builder looks for it', () => {
    const png = readFileSync(`${config.directories.buildResources}/icon.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
