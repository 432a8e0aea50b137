import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// An event's stored shape is its own: a screen's contract may tighten what a person can type, and
// the events every store already holds must still read. So no event module reaches a contract,
// not even through a helper it imports (contracts may import from events, never the reverse).

const coreDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The modules of core a source loads at run time (type-only imports are erased, so they carry no schema). */
function runtimeImports(file: string): string[] {
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const found: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\s+(type\s+)?([\w*{}\s,$]*?)\s*from\s*['"](\.[^'"\n]+)['"]/gm)) {
    const names = /^\{([\s\S]*)\}$/.exec(m[2]!.trim())?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
    if (m[1] || (names?.length && names.every((n) => n.startsWith('type ')))) continue;
    const target = path.resolve(path.dirname(file), m[3]!);
    const resolved = [`${target}.ts`, `${target}.tsx`, path.join(target, 'index.ts')].find(existsSync);
    if (resolved) found.push(resolved);
  }
  return found;
}

/** Every module of core the file reaches, with the path by which it was first reached. */
function reached(start: string): Map<string, string[]> {
  const paths = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  for (let file = queue.shift(); file; file = queue.shift())
    for (const next of runtimeImports(file))
      if (!paths.has(next)) {
        paths.set(next, [...paths.get(file)!, next]);
        queue.push(next);
      }
  return paths;
}

const isContract = (file: string) => /contracts?\.ts$/i.test(path.basename(file));
const eventModules = readdirSync(coreDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => path.join(coreDir, entry.name, 'events.ts'))
  .filter(existsSync);

describe('events own their stored shape', () => {
  it('finds the event modules', () => {
    expect(eventModules.map((file) => path.basename(path.dirname(file)))).toEqual(expect.arrayContaining(['lots', 'qc', 'plating', 'packing', 'printing', 'station']));
  });

  it.each(eventModules.map((file) => [path.relative(coreDir, file), file]))('%s reaches no contract', (_name, file) => {
    const contracts = [...reached(file)].filter(([reachedFile]) => isContract(reachedFile)).map(([, via]) => via.map((f) => path.relative(coreDir, f)).join(' → '));
    expect(contracts).toEqual([]);
  });
});
