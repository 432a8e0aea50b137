import { describe, expect, it } from 'vitest';
import { exit } from '../kernel/command';
import { hq } from '../testing/hq';

// `hq sampling-plan` as a person types it: a real process, its output and exit code.

describe('hq sampling-plan', () => {
  it('prints the plan as one JSON object, level II and normal inspection by default', async () => {
    const run = await hq('sampling-plan', '--lot-size', '1000', '--aql', '2.5');
    expect(run.code).toBe(exit.ok);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({ codeLetter: 'J', sampleSize: 80, accept: 5, reject: 6, inspectAll: false });
  });

  it('takes the level and the inspection, following the arrows of the table', async () => {
    const reduced = await hq('sampling-plan', '--lot-size', '2000', '--aql', '0.65', '--inspection', 'reduced');
    expect(JSON.parse(reduced.stdout)).toEqual({ codeLetter: 'K', sampleSize: 50, accept: 1, reject: 3, inspectAll: false });
    const special = await hq('sampling-plan', '--lot-size', '50', '--aql', '0.65', '--level', 'S-1', '--inspection', 'tightened');
    expect(JSON.parse(special.stdout)).toEqual({ codeLetter: 'G', sampleSize: 32, accept: 0, reject: 1, inspectAll: false });
  });

  it('says inspectAll when the sample is the whole lot', async () => {
    const run = await hq('sampling-plan', '--lot-size', '8', '--aql', '0.65');
    expect(JSON.parse(run.stdout)).toEqual({ codeLetter: 'F', sampleSize: 8, accept: 0, reject: 1, inspectAll: true });
  });

  it.each([
    [['--lot-size', '1000', '--aql', '2'], 'AQL 2 is not in the standard'],
    [['--lot-size', '1', '--aql', '2.5'], 'at least 2 pieces'],
    [['--lot-size', '1000', '--aql', '2.5', '--level', 'IV'], '--level must be one of I, II, III, S-1, S-2, S-3, S-4'],
    [['--lot-size', '1000', '--aql', '2.5', '--inspection', 'strict'], '--inspection must be one of normal, tightened, reduced'],
    [['--lot-size', 'many', '--aql', '2.5'], '--lot-size must be a number'],
    [['--aql', '2.5'], '--lot-size is required'],
  ])('refuses %j with a clear message and exit 2, printing no plan', async (args, message) => {
    const run = await hq('sampling-plan', ...args);
    expect(run.code).toBe(exit.usage);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
