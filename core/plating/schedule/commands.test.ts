import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exit } from '../../kernel/command';
import { hq } from '../../testing/hq';
import { tempDir } from '../../testing/tempStore';
import { generateInstance } from './generate';
import { check, parseInstance } from './index';

// `hq schedule` as a planner or another tool runs it: real files, a real process, exit codes.

function files(instance: unknown, schedule?: unknown) {
  const dir = tempDir();
  const instanceFile = path.join(dir, 'instance.json');
  writeFileSync(instanceFile, JSON.stringify(instance));
  const scheduleFile = path.join(dir, 'schedule.json');
  if (schedule !== undefined) writeFileSync(scheduleFile, JSON.stringify(schedule));
  return { instanceFile, scheduleFile };
}

describe('hq schedule', () => {
  const instance = generateInstance({ lots: 40, seed: 11 });

  it('prints a schedule that passes every rule, and --check agrees with its objective', async () => {
    const { instanceFile } = files(instance);
    const run = await hq('schedule', instanceFile, '--time-limit', '300');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(exit.ok);
    const schedule = JSON.parse(run.stdout) as { batches: []; objective: unknown };
    expect(check(parseInstance(instance), schedule)).toMatchObject({ valid: true, objective: schedule.objective });

    const { scheduleFile } = files(instance, schedule);
    const checked = await hq('schedule', '--check', instanceFile, scheduleFile);
    expect(checked.code).toBe(exit.ok);
    expect(JSON.parse(checked.stdout)).toEqual({ valid: true, violations: [], objective: schedule.objective });
  });

  it('--check exits 1 on a schedule that breaks a rule, listing the violations', async () => {
    const lot = instance.lots[0]!;
    const line = instance.lines.find((l) => l.finishes.includes(lot.finish))!;
    const end = new Date(Date.parse(lot.readyAt) + 1000 * 60 * 5).toISOString();
    const { instanceFile, scheduleFile } = files(instance, { batches: [{ line: line.id, finish: lot.finish, start: lot.readyAt, end, items: [{ lot: lot.id, pieces: lot.pieces }] }] });
    const run = await hq('schedule', '--check', instanceFile, scheduleFile);
    expect(run.code).toBe(exit.failed);
    const result = JSON.parse(run.stdout) as { valid: boolean; violations: { rule: string; lot?: string }[] };
    expect(result.valid).toBe(false);
    expect(result.violations).toContainEqual(expect.objectContaining({ rule: 'duration', batch: 0, line: line.id }));
    expect(result.violations).toContainEqual(expect.objectContaining({ rule: 'pieces', lot: instance.lots[1]!.id }));
    expect(run.stderr).toContain('breaks');
  });

  it('refuses a bad instance with exit 1 and a message naming the lot, printing no schedule', async () => {
    const bad = JSON.parse(JSON.stringify(instance)) as typeof instance;
    bad.lots[7]!.finish = 'vermeil-2.5';
    const run = await hq('schedule', files(bad).instanceFile);
    expect(run.code).toBe(exit.failed);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Lot ${bad.lots[7]!.id}: no line runs vermeil-2.5`);
  });

  it('says what is missing on a wrong command line, with exit 2', async () => {
    const { instanceFile } = files(instance);
    expect((await hq('schedule')).code).toBe(exit.usage);
    const run = await hq('schedule', '--check', instanceFile);
    expect(run.code).toBe(exit.usage);
    expect(run.stderr).toContain('--check needs INSTANCE.json and SCHEDULE.json');
    const notJson = path.join(tempDir(), 'notes.txt');
    writeFileSync(notJson, 'lots for Monday');
    const garbage = await hq('schedule', notJson);
    expect(garbage.code).toBe(exit.failed);
    expect(garbage.stderr).toContain('is not JSON');
  });
});
