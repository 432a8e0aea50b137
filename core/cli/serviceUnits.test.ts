import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tempStore';

// resources/service/ as a technician uses it: create-database.sh run as PostgreSQL's superuser
// makes a role that may do no more than own its database; the upstream started as its systemd unit
// starts it (ExecStart, with the example environment file's variables holding real values) migrates
// that database with that role; the hub started as its unit links to it with a hub key.

const service = path.resolve('resources/service');
const testPg = process.env.KARAKANA_TEST_PG;
if (!testPg) throw new Error('These tests need KARAKANA_TEST_PG (export KARAKANA_TEST_PG=$(bash .ci/postgresql)): they run psql as the postgres user on its port');
const pgPort = new URL(testPg).port || '5432';
const name = `karakana_svc_${process.pid}`;

const asPostgres = (args: string[], input?: string) =>
  execFileSync('runuser', ['-u', 'postgres', '--', 'env', `PGPORT=${pgPort}`, ...args], { input, encoding: 'utf8', cwd: '/' });
const query = (sql: string, database = 'postgres') => asPostgres(['psql', '-X', '-qAt', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql]).trim();

const running: ChildProcess[] = [];
afterAll(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  query(`DROP ROLE IF EXISTS ${name}`);
});

/** The names an example environment file sets. */
function exampleNames(file: string): string[] {
  return readFileSync(path.join(service, file), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.slice(0, line.indexOf('=')));
}

/** The unit's ExecStart as systemd runs it: ${NAME} from the environment, each word one argument. */
function execStart(unit: string, env: Record<string, string>): string[] {
  const line = readFileSync(path.join(service, unit), 'utf8').match(/^ExecStart=(.*)$/m)![1]!;
  return line.split(/\s+/).map((word) => word.replace(/\$\{([A-Z_]+)\}/g, (_, v: string) => env[v] ?? ''));
}

/** Starts `hq` as the unit would, its state paths moved into `folder`; resolves with its first line once it listens. */
function startUnit(unit: string, env: Record<string, string>, folder: string): Promise<string> {
  const [envCommand, hq, ...args] = execStart(unit, env);
  expect([envCommand, hq]).toEqual(['/usr/bin/env', 'hq']);
  const moved = args.map((a) => (a.startsWith('/var/lib/') || a.startsWith('/etc/karakana/') ? path.join(folder, a) : a === '4280' ? '0' : a));
  const child = spawn(process.execPath, ['core/cli/hq.js', ...moved], { env: { PATH: process.env.PATH!, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.split('\n')[0]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${unit} exited with ${code}: ${output}`)));
  });
}

/** The site's certificate the hub unit names, made as a technician would with openssl. */
function makeCertificate(folder: string): void {
  const tls = path.join(folder, 'etc/karakana/tls');
  execFileSync('mkdir', ['-p', tls, path.join(folder, 'var/lib/karakana-hub')]);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=hub.local', '-keyout', path.join(tls, 'hub.key'), '-out', path.join(tls, 'hub.crt')], { stdio: 'ignore' });
}

describe('resources/service', () => {
  it('create-database.sh makes a role that only owns its database; the upstream and the hub start as their units do', { timeout: 120_000 }, async () => {
    const printed = asPostgres(['sh', '-'], readFileSync(path.join(service, 'create-database.sh'), 'utf8').replace('name="${1:-karakana}"', `name="${name}"`));
    const pg = printed.trim().split('\n').pop()!.replace(/^KARAKANA_PG=/, '');
    expect(pg).toMatch(new RegExp(`^postgres://${name}:[0-9a-f]{48}@127\\.0\\.0\\.1:${pgPort}/${name}$`));
    expect(query(`SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = '${name}'`)).toBe('t|f|f|f');
    expect(query(`SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '${name}'`)).toBe(name);

    const values: Record<string, string> = {
      KARAKANA_PG: pg,
      KARAKANA_ENROLL_KEY: 'kisumu-site-key-2026',
      KARAKANA_PLATFORM_KEY: 'kisumu-platform-key-2026',
    };
    const upstreamEnv = Object.fromEntries(exampleNames('upstream.env.example').map((n) => [n, values[n]!]));
    expect(Object.keys(upstreamEnv).sort()).toEqual(Object.keys(values).sort());
    const folder = tempDir();
    const upstream = await startUnit('karakana-upstream.service', upstreamEnv, folder);
    const upstreamUrl = upstream.match(/http:\/\/\S+/)![0];
    expect(query(`SELECT count(*) > 0 FROM pg_tables WHERE tableowner = '${name}'`, name)).toBe('t');

    const hubKey = execFileSync(process.execPath, ['core/cli/hq.js', 'upstream', 'add-hub', '--name', 'Kisumu hub'], { env: { PATH: process.env.PATH!, KARAKANA_PG: pg }, encoding: 'utf8' })
      .split('\n')[1]!;
    const hubValues: Record<string, string> = { KARAKANA_UPSTREAM_URL: upstreamUrl, KARAKANA_UPSTREAM_KEY: hubKey, KARAKANA_ENROLL_KEY: values.KARAKANA_ENROLL_KEY! };
    const hubEnv = Object.fromEntries(exampleNames('hub.env.example').map((n) => [n, hubValues[n]!]));
    expect(Object.keys(hubEnv).sort()).toEqual(Object.keys(hubValues).sort());
    makeCertificate(folder);
    expect(await startUnit('karakana-hub.service', hubEnv, folder)).toMatch(new RegExp(`^Karakana upstream \\(hub of ${upstreamUrl.replace(/\./g, '\\.')}\\): https://`));
  });
});
