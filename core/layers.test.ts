import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The architecture's house rules (architecture.md), checked by reading the source:
// core/ never touches Electron, React or the DOM; nothing the renderer loads reaches Node;
// neither core/ nor renderer/ reaches into electron/.

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = path.join(projectRoot, 'core');
const rendererDir = path.join(projectRoot, 'renderer');
const electronDir = path.join(projectRoot, 'electron');

const sourceFile = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const testFile = /\.(test|spec)\.[cm]?[jt]sx?$/;

interface Import {
  specifier: string;
  /** Erased at build: `import type`, `export type`, or braces holding only `type X` names. */
  typeOnly: boolean;
}

function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listSources(full);
    return sourceFile.test(entry.name) ? [full] : [];
  });
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function onlyTypes(clause: string): boolean {
  const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (!named) return false;
  const names = named[1]!.split(',').map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => /^type\s/.test(n));
}

/** Every module a source text loads: static, re-export, side-effect, dynamic and require. */
function importsOf(source: string): Import[] {
  const code = withoutComments(source);
  const found: Import[] = [];
  for (const m of code.matchAll(/\b(?:import|export)\s+(type\s+)?([\w*{}\s,$]*?)\s*from\s*['"]([^'"\n]+)['"]/g))
    found.push({ specifier: m[3]!, typeOnly: !!m[1] || onlyTypes(m[2]!) });
  for (const m of code.matchAll(/\bimport\s*['"]([^'"\n]+)['"]/g)) found.push({ specifier: m[1]!, typeOnly: false });
  for (const m of code.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g)) found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

/** The package an import names: 'react-dom/client' → 'react-dom', '@serialport/stream' → '@serialport/stream'. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));
}

function resolveRelative(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier.replace(/\?.*$/, ''));
  const stem = base.replace(/\.[cm]?jsx?$/, '');
  const candidates = [base, stem + '.ts', stem + '.tsx', base + '.ts', base + '.tsx', base + '.js', path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const read = (file: string) => readFileSync(file, 'utf8');
const shown = (file: string) => path.relative(projectRoot, file);

/** Files the renderer loads at run time (its own sources and, transitively, what they import by value), each with the file that led there. */
function reachableFromRenderer(): Map<string, string | null> {
  const via = new Map<string, string | null>();
  const queue: [string, string | null][] = listSources(rendererDir)
    .filter((f) => !testFile.test(f))
    .map((f) => [f, null]);
  while (queue.length) {
    const [file, from] = queue.pop()!;
    if (via.has(file)) continue;
    via.set(file, from);
    for (const { specifier, typeOnly } of importsOf(read(file))) {
      const target = typeOnly ? null : resolveRelative(file, specifier);
      if (target && sourceFile.test(target) && !via.has(target)) queue.push([target, file]);
    }
  }
  return via;
}

// Packages that need Node or Electron: a browser bundle cannot load them.
const nodeOnlyPackages = ['sqlite3', 'kysely', 'kysely-generic-sqlite', 'ws', 'electron', 'serialport', 'usb', 'node-hid', 'node-thermal-printer'];

describe('reading imports (so the rules below can fail)', () => {
  it('finds multi-line, side-effect, dynamic and require imports, and tells type-only ones apart', () => {
    const sample = `
      import type { Kysely } from 'kysely';
      import { sql, type Sql } from 'kysely';
      import {
        type A,
        type B,
      } from '../core/api/contract';
      export * from './bus';
      import 'ws';
      // import { app } from 'electron';
      /* import React from 'react'; */
      const url = 'http://station/'; const db = await import('sqlite3');
      const usb = require("usb");
    `;
    expect(importsOf(sample)).toEqual([
      { specifier: 'kysely', typeOnly: true },
      { specifier: 'kysely', typeOnly: false },
      { specifier: '../core/api/contract', typeOnly: true },
      { specifier: './bus', typeOnly: false },
      { specifier: 'ws', typeOnly: false },
      { specifier: 'sqlite3', typeOnly: false },
      { specifier: 'usb', typeOnly: false },
    ]);
  });

  it('sees the core sources', () => {
    const files = listSources(coreDir).map(shown);
    expect(files).toContain(path.join('core', 'api', 'contract.ts'));
    expect(files.length).toBeGreaterThan(30);
  });
});

describe('core/', () => {
  it('imports neither Electron nor React', () => {
    const violations = listSources(coreDir).flatMap((file) =>
      importsOf(read(file))
        .filter(({ specifier }) => ['electron', 'react', 'react-dom'].includes(packageOf(specifier)))
        .map(({ specifier }) => `${shown(file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it('uses no DOM globals', () => {
    const dom = /(?<![\w$.])(?:window|document)\s*\??\./;
    const violations = listSources(coreDir)
      .filter((file) => dom.test(withoutComments(read(file))))
      .map(shown);
    expect(violations).toEqual([]);
  });
});

describe('what the renderer loads', () => {
  it('reaches no Node builtin and no Node-only package (type-only imports are erased, so they are fine)', () => {
    const violations = [...reachableFromRenderer()].flatMap(([file, from]) =>
      importsOf(read(file))
        .filter(({ specifier, typeOnly }) => !typeOnly && (isNodeBuiltin(specifier) || nodeOnlyPackages.includes(packageOf(specifier))))
        .map(({ specifier }) => `${shown(file)} imports ${specifier}${from ? ` (loaded by ${shown(from)})` : ''}`),
    );
    expect(violations).toEqual([]);
  });
});

describe('electron/', () => {
  it('is imported by nothing in core/ or renderer/', () => {
    const violations = [...listSources(coreDir), ...listSources(rendererDir)].flatMap((file) =>
      importsOf(read(file))
        .filter(({ specifier }) => {
          const target = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : '';
          return target === electronDir || target.startsWith(electronDir + path.sep);
        })
        .map(({ specifier }) => `${shown(file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });
});

describe('electron/testing/', () => {
  it('is loaded by tests only, so the stand-in Electron never reaches a bundle', () => {
    const testing = path.join(electronDir, 'testing');
    const violations = [...listSources(coreDir), ...listSources(rendererDir), ...listSources(electronDir)]
      .filter((file) => !testFile.test(file) && !file.startsWith(testing + path.sep))
      .flatMap((file) =>
        importsOf(read(file))
          .filter(({ specifier }) => specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(testing + path.sep))
          .map(({ specifier }) => `${shown(file)} imports ${specifier}`),
      );
    expect(violations).toEqual([]);
  });
});

/** Where a browser test reaches something with the mouse or a script instead of keys and scans (issue 15). */
function shortcutsPastTheKeyboard(source: string): string[] {
  return [...withoutComments(source).matchAll(/\.(focus|click|dblclick|tap|check|uncheck|selectOption)\(/g)].map((m) => `.${m[1]}()`);
}

describe('e2e/', () => {
  it('finds a focus or a click however it is written (so the rule below can fail)', () => {
    expect(shortcutsPastTheKeyboard("await page.getByTestId('lines').focus();\n// a comment may say .click()\nawait row\n  .click({ force: true });")).toEqual(['.focus()', '.click()']);
  });

  it('drives every screen by keys and scans only: no .focus(), no .click() in any spec', () => {
    const violations = listSources(path.join(projectRoot, 'e2e')).flatMap((file) => shortcutsPastTheKeyboard(read(file)).map((call) => `${shown(file)}: ${call}`));
    expect(violations).toEqual([]);
  });
});

const kernelDir = path.join(coreDir, 'kernel');

describe('core/kernel/', () => {
  it('imports nothing of core outside itself, so every layer may import it', () => {
    const violations = listSources(kernelDir).flatMap((file) =>
      importsOf(read(file))
        .filter(({ specifier }) => {
          const target = resolveRelative(file, specifier);
          return target !== null && !target.startsWith(kernelDir + path.sep);
        })
        .map(({ specifier }) => `${shown(file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it('holds the errors every layer throws: no other AppError or UsageError class', () => {
    const declared = /\bclass\s+(AppError|UsageError)\b/;
    const violations = [...listSources(coreDir), ...listSources(path.join(projectRoot, 'upstream')), ...listSources(electronDir)]
      .filter((file) => !file.startsWith(kernelDir + path.sep) && declared.test(withoutComments(read(file))))
      .map(shown);
    expect(violations).toEqual([]);
  });
});

/** Files whose name, less its extension, is also a folder beside them (core/bench/cases.ts beside core/bench/cases/). */
function namedLikeAFolder(files: readonly string[]): string[] {
  return files.filter((file) => {
    const stem = file.replace(sourceFile, '');
    return stem !== file && existsSync(stem) && statSync(stem).isDirectory();
  });
}

describe('names', () => {
  it('finds a file named like the folder beside it (so the rule below can fail)', () => {
    expect(namedLikeAFolder([path.join(coreDir, 'kernel.ts'), path.join(coreDir, 'kernel', 'errors.ts')]).map(shown)).toEqual([path.join('core', 'kernel.ts')]);
  });

  it('has no file named like a folder beside it', () => {
    const sources = ['core', 'upstream', 'renderer', 'electron', 'e2e'].flatMap((dir) => listSources(path.join(projectRoot, dir)));
    expect(namedLikeAFolder(sources).map(shown)).toEqual([]);
  });
});

// Issue 17: the registries join the features through their lists (core/features.ts, and for the
// renderer core/featureContracts.ts), never one by one, so adding a feature touches its folder and
// the lists alone, and no registry and feature import each other in a circle.
const featureLists = [path.join(coreDir, 'features.ts'), path.join(coreDir, 'featureContracts.ts')];
/** The folders of core/ that hold a feature's definition (core/<name>/feature.ts). */
const featureFolders = readdirSync(coreDir)
  .map((name) => path.join(coreDir, name))
  .filter((dir) => existsSync(path.join(dir, 'feature.ts')));
const within = (file: string, dir: string) => file.startsWith(dir + path.sep);

/**
 * Registries: dispatch and the contract (core/api), the event log and catalog (core/events), the
 * kernel, the definition's shape (core/app/defineFeature.ts), sync's scope and snapshot lists, the
 * `hq` command line (core/cli: the command list, its runner, and the commands no feature owns: the
 * upstream's, the hub's, the scales'), the store. Each may import its own folder and the lists, and
 * a feature's types (erased at build), but load no feature folder.
 */
const topLevel = (dir: string) => readdirSync(dir).map((name) => path.join(dir, name)).filter((file) => sourceFile.test(file) && statSync(file).isFile());
const registries = [
  ...['api', 'events', 'kernel', 'cli'].flatMap((dir) => topLevel(path.join(coreDir, dir))),
  ...['app/defineFeature.ts', 'sync/scopes.ts', 'sync/snapshotTables.ts', 'db/store.ts', 'db/schema.ts'].map((file) => path.join(coreDir, file)),
].filter((file) => !testFile.test(file));

/** Where a registry loads a feature folder other than its own, not through the lists. */
function featureLoads(file: string, source: string): string[] {
  return importsOf(source)
    .filter(({ specifier, typeOnly }) => {
      const target = typeOnly ? null : resolveRelative(file, specifier);
      if (!target || featureLists.includes(target) || within(file, path.dirname(target))) return false;
      return featureFolders.some((dir) => within(target, dir) && !within(file, dir));
    })
    .map(({ specifier }) => `${shown(file)} imports ${specifier}`);
}

/** The modules the features' definitions join: each feature.ts and what it takes from its own folder. */
function declaredParts(): Set<string> {
  return new Set(
    featureFolders.flatMap((dir) => {
      const definition = path.join(dir, 'feature.ts');
      const own = importsOf(read(definition)).map(({ specifier }) => resolveRelative(definition, specifier));
      return [definition, ...own.filter((target): target is string => !!target && within(target, dir))];
    }),
  );
}

describe('registries', () => {
  it('finds a registry that loads a feature, but not its own folder, the lists or a type (so the rule below can fail)', () => {
    const catalog = path.join(coreDir, 'events', 'catalog.ts');
    const sample = "import { qcEvents } from '../qc/events';\nimport type { ScopeKind } from '../sync/scope';\nimport { features } from '../features';\nimport type { EventDefinition } from './define';";
    expect(featureLoads(catalog, sample)).toEqual([`${shown(catalog)} imports ../qc/events`]);
    expect(featureLoads(path.join(coreDir, 'sync', 'scopes.ts'), "import { replay } from './scope';\nimport { boxScope } from '../packing/rebuild';")).toEqual([
      `${path.join('core', 'sync', 'scopes.ts')} imports ../packing/rebuild`,
    ]);
  });

  it('load no feature folder but through core/features.ts or core/featureContracts.ts', () => {
    expect(featureFolders.length).toBeGreaterThan(10);
    expect(registries.flatMap((file) => featureLoads(file, read(file)))).toEqual([]);
  });

  it('leave the app (which starts the queues, loops and schedules) to join the features\' parts through the list', () => {
    const app = path.join(coreDir, 'app', 'app.ts');
    const parts = declaredParts();
    expect(parts).toContain(path.join(coreDir, 'qc', 'handlers.ts'));
    const joinedByHand = importsOf(read(app)).filter(({ specifier }) => parts.has(resolveRelative(app, specifier) ?? ''));
    expect(joinedByHand.map(({ specifier }) => specifier)).toEqual([]);
  });
});
