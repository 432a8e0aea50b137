import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../demo/data';
import { hq } from '../testing/hq';
import { demoStoreFile, tempStoreFile } from '../testing/tempStore';
import { exit } from '../kernel/command';
import { commands } from './commands';

// The `hq` command as a person types it: a real process, real exit codes, real files.


describe('hq without a command', () => {
  it('prints the usage with every command and exits 2', async () => {
    const run = await hq();
    expect(run.code).toBe(exit.usage);
    expect(run.stdout).toContain('Usage: hq <command>');
    for (const name of Object.keys(commands)) expect(run.stdout).toContain(name);
  });

  it('says so when the command does not exist, and exits 2', async () => {
    const run = await hq('frobnicate');
    expect(run.code).toBe(exit.usage);
    expect(run.stderr).toContain('unknown command "frobnicate"');
  });
});

describe('hq <command> --help', () => {
  it.each(Object.keys(commands))('%s --help explains its options and exits 0', async (name) => {
    const run = await hq(name, '--help');
    expect(run.code).toBe(exit.ok);
    expect(run.stdout).toContain(commands[name]!.usage);
    expect(run.stderr).toBe('');
  });
});

describe('hq seed', () => {
  it('loads the demo into a new store and prints who can log in; a second time it refuses clearly with exit 1', async () => {
    const file = tempStoreFile();
    const first = await hq('seed', '--demo', '--db', file);
    expect(first.code).toBe(exit.ok);
    for (const user of demoUsers) expect(first.stdout).toMatch(new RegExp(`${user.username}\\s+PIN ${user.pin}`));

    const again = await hq('seed', '--demo', '--db', file);
    expect(again.code).toBe(exit.failed);
    expect(again.stderr).toContain('already has data');
    expect(again.stdout).toBe('');
  });

  it('without --demo is a usage error', async () => {
    const file = tempStoreFile();
    const run = await hq('seed', '--db', file);
    expect(run.code).toBe(exit.usage);
    expect(run.stderr).toContain('--demo');
    expect(existsSync(file)).toBe(false);
  });
});

describe('hq migrate', () => {
  it('refuses a file that is not a store with exit 3', async () => {
    const file = tempStoreFile('notes.txt');
    writeFileSync(file, 'Delivery notes for March\n'.repeat(200));
    const run = await hq('migrate', '--db', file);
    expect(run.code).toBe(exit.store);
    expect(run.stderr).toContain('is not a Karakana store (text); nothing was written to it');
  });

  it('refuses a store that does not exist with exit 3, without creating it', async () => {
    const file = tempStoreFile('typo.db');
    const run = await hq('migrate', '--db', file);
    expect(run.code).toBe(exit.store);
    expect(existsSync(file)).toBe(false);
  });

  it('says a store is already at the latest schema', async () => {
    const run = await hq('migrate', '--db', await demoStoreFile());
    expect(run.code).toBe(exit.ok);
    expect(run.stdout).toMatch(/is at schema \d+/);
  });
});

describe('hq serve', () => {
  it('without --db is a usage error that shows the usage', async () => {
    const run = await hq('serve');
    expect(run.code).toBe(exit.usage);
    expect(run.stderr).toContain('--db is required');
    expect(run.stderr).toContain(commands.serve!.usage);
  });

  it('with an unknown option is a usage error', async () => {
    const run = await hq('serve', '--db', tempStoreFile(), '--prot', '80');
    expect(run.code).toBe(exit.usage);
  });

  it('on a port in use says so in one line and exits 1', async () => {
    const other = createServer().listen(0, '127.0.0.1');
    await once(other, 'listening');
    const { port } = other.address() as AddressInfo;
    const run = await hq('serve', '--db', tempStoreFile(), '--port', String(port));
    other.close();
    expect(run.code).toBe(exit.failed);
    expect(run.stderr).toBe(`hq serve: port ${port} is in use: another Karakana station server, or another program, is listening there; give --port N\n`);
    expect(run.stdout).toBe('');
  });
});
