import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { deviceDrivers, deviceKinds, procedures } from '../../../core/api/contract';
import { inputProblems } from '../../../core/api/invalidInput';
import { roles } from '../../../core/api/roles';
import { lotStates } from '../../../core/db/schema';
import { varianceKinds, varianceReasons } from '../../../core/receiving/facts';
import { catalogs as joined, type Catalog } from './catalogs';

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full, pattern);
    return pattern.test(name) ? [full] : [];
  });
}

const root = path.resolve(__dirname, '../../..');
const catalogs = { en: flatten(joined.en), sw: flatten(joined.sw) };
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
/** Every key of an object anywhere in a contract input: the fields an `api.invalidInput` refusal can name. */
function inputFields(schema: z.core.$ZodType, into = new Set<string>()): Set<string> {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const inner = (key: string) => inputFields(def[key] as z.core.$ZodType, into);
  if (def.type === 'object') for (const [key, value] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) inputFields(value, into.add(key));
  else if (['optional', 'nullable', 'default', 'readonly', 'catch', 'nonoptional'].includes(def.type)) inner('innerType');
  else if (def.type === 'pipe') (inner('in'), inner('out'));
  else if (def.type === 'array') inner('element');
  else if (def.type === 'record') inner('valueType');
  else if (def.type === 'union') for (const option of def.options as z.core.$ZodType[]) inputFields(option, into);
  return into;
}

const has = (catalog: Map<string, string>, key: string) => catalog.has(key) || catalog.has(`${key}_other`);

describe('English and Swahili catalogs', () => {
  it('have the same keys, none empty', () => {
    expect([...catalogs.sw.keys()].sort()).toEqual([...catalogs.en.keys()].sort());
    for (const [key, text] of [...catalogs.en, ...catalogs.sw]) if (!key.startsWith('devices.addressHint')) expect(text, key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of catalogs.en) expect(placeholders(catalogs.sw.get(key)!), key).toEqual(placeholders(text));
  });

  it('hold every key the screens ask for by name', () => {
    const used = files(path.join(root, 'renderer/src'), /\.tsx?$/).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(50);
    for (const language of ['en', 'sw'] as const)
      for (const key of used) expect(has(catalogs[language], key), `${language}: ${key}`).toBe(true);
  });

  it('hold every key the screens build from the domain: states, roles, devices, scanner results', () => {
    const built = [
      ...lotStates.map((s) => `states.${s}`),
      ...roles.map((r) => `roles.${r}`),
      ...deviceKinds.map((k) => `devices.kinds.${k}`),
      ...deviceDrivers.flatMap((d) => [`devices.drivers.${d}`, `devices.addressHint.${d}`]),
      ...['ready', 'offline', 'unknown'].map((s) => `devices.state.${s}`),
      ...['azerty', 'qwertz', 'other'].map((l) => `scanner.layout.${l}`),
      ...['en', 'sw'].map((l) => `language.${l}`),
      ...['stable', 'motion', 'zero', 'under', 'over', 'fault', 'calibrate'].map((s) => `receiving.status.${s}`),
      ...['sure', 'check', 'handCount'].map((c) => `receiving.confidence.${c}`),
      ...varianceKinds.map((k) => `receiving.variance.${k}`),
      ...varianceReasons.map((r) => `receiving.reasons.${r}`),
      ...['expected', 'receiving', 'received'].map((s) => `artisan.status.${s}`),
    ];
    for (const language of ['en', 'sw'] as const) for (const key of built) expect(has(catalogs[language], key), `${language}: ${key}`).toBe(true);
  });

  it('explain every error the core can raise, and the ones the client makes itself', () => {
    const codes = [...files(path.join(root, 'core'), /\.ts$/), ...files(path.join(root, 'upstream'), /\.ts$/)].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/new AppError\(\s*'([a-zA-Z.]+)'/g)].map((m) => m[1]!),
    );
    expect(codes.length).toBeGreaterThan(20);
    // Besides the codes written out: the client's own, and the sync errors the client names from an upstream's answer.
    for (const code of [...codes, 'internal', 'network', 'api.badRequest', 'scan.noEnter', 'sync.upstreamError', 'sync.rejected'])
      for (const language of ['en', 'sw'] as const) expect(has(catalogs[language], `errors.${code}`), `${language}: errors.${code}`).toBe(true);
  });

  it('name every field of every input the contract can refuse, and what is wrong with it, so no English shows', () => {
    const fields = new Set(Object.values(procedures).flatMap((p) => [...inputFields(p.input)]));
    expect(fields.size).toBeGreaterThan(100);
    for (const language of ['en', 'sw'] as const) {
      for (const field of fields) expect(has(catalogs[language], `fields.${field}`), `${language}: fields.${field}`).toBe(true);
      for (const problem of inputProblems) expect(has(catalogs[language], `errors.api.inputProblem.${problem}`), `${language}: ${problem}`).toBe(true);
    }
    // A form's hint (a PIN: 4 to 8 digits) belongs to a field some input has.
    const hinted = [...catalogs.en.keys()].filter((k) => k.startsWith('errors.api.formHint.')).map((k) => k.slice('errors.api.formHint.'.length));
    expect(hinted).toContain('pin');
    for (const field of hinted) expect(fields, field).toContain(field);
  });
});
