import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchCase } from './benchCase';

const folder = path.join(import.meta.dirname, 'cases');

/**
 * Every file in cases/ that exports `benchCase`, in file-name order: adding a measurement is adding
 * a file, and its number prefix places it in the report.
 */
export async function loadCases(): Promise<BenchCase[]> {
  const files = readdirSync(folder).filter((f) => f.endsWith('.ts')).sort();
  const cases: BenchCase[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(folder, file)).href)) as { benchCase?: BenchCase };
    if (!module.benchCase) throw new Error(`${file} in ${folder} exports no benchCase`);
    cases.push(module.benchCase);
  }
  return cases;
}
