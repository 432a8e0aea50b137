import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from './cli/commands';
import { featureContracts } from './featureContracts';
import { features } from './features';

// The feature list (core/features.ts) is what every registry reads, so it must hold each feature
// once, as its folder declares it, and agree with the renderer's half (core/featureContracts.ts).

const coreDir = import.meta.dirname;
const twice = (names: readonly string[]) => names.filter((name, i) => names.indexOf(name) !== i);

describe('the feature list', () => {
  it('holds the one definition of each folder that has a feature.ts, named as its folder', async () => {
    const folders = readdirSync(coreDir).filter((name) => existsSync(path.join(coreDir, name, 'feature.ts')));
    expect(features.map((feature) => feature.name).sort()).toEqual(folders.sort());
    for (const feature of features) {
      const exported = Object.values(await import(`./${feature.name}/feature.ts`));
      expect(exported).toHaveLength(1);
      expect(exported[0]).toBe(feature);
    }
  });

  it('gives the renderer the very procedures the features serve, and no others', () => {
    const served = features.flatMap((feature) => (feature.procedures ? [feature.procedures] : []));
    const contracts: readonly object[] = featureContracts.map((part) => part.procedures);
    expect(contracts).toHaveLength(served.length);
    expect(served.filter((procedures) => !contracts.includes(procedures)).map(Object.keys)).toEqual([]);
  });

  it('declares no procedure, event type or command twice, and hq runs each feature\'s own command', () => {
    expect(twice(features.flatMap((feature) => Object.keys(feature.procedures ?? {})))).toEqual([]);
    expect(twice(features.flatMap((feature) => (feature.events ?? []).map((event) => event.type)))).toEqual([]);
    expect(twice(features.flatMap((feature) => Object.keys(feature.commands ?? {})))).toEqual([]);
    const shadowed = features.flatMap((feature) => Object.entries(feature.commands ?? {}).filter(([name, command]) => commands[name] !== command).map(([name]) => name));
    expect(shadowed).toEqual([]);
  });
});
