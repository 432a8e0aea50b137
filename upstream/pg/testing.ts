import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { pgLabel } from './store';

// PostgreSQL for tests: one database per test file, made through KARAKANA_TEST_PG and dropped when
// the file is done, and a fresh empty schema in it for every upstream a test opens. Without
// KARAKANA_TEST_PG the PostgreSQL tests fail saying how to provide it; they never pass by skipping.

export const pgTestHelp =
  "The PostgreSQL tests need KARAKANA_TEST_PG: a connection string for a role that may create databases, e.g. " +
  'KARAKANA_TEST_PG=postgres://karakana:karakana@127.0.0.1:5432/karakana_test. ' +
  ".ci/postgresql installs Debian's PostgreSQL, starts it and creates that role and database (as root); .ci/run shows how it is used.";

function adminUrl(): string {
  const url = process.env.KARAKANA_TEST_PG;
  if (!url) throw new Error(pgTestHelp);
  return url;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot reach PostgreSQL at ${pgLabel(url)} (${(error as Error).message}). Is it running? ${pgTestHelp}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let database: Promise<string> | undefined;
let schemas = 0;

/** A connection string to a new, empty schema (in this test file's own database). */
export async function freshPgUrl(): Promise<string> {
  const admin = adminUrl();
  database ??= (async () => {
    const name = `karakana_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await withClient(admin, (c) => c.query(`CREATE DATABASE ${name}`));
    return name;
  })();
  const url = new URL(admin);
  url.pathname = `/${await database}`;
  const schema = `upstream_${++schemas}`;
  await withClient(url.href, (c) => c.query(`CREATE SCHEMA ${schema}`));
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.href;
}

// FORCE ends this file's own leftover sessions, but not an autovacuum worker that happens to be in
// the database (it belongs to no role the test role may signal): then the drop is tried again once
// the worker has gone, for up to 10 s.
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withClient(adminUrl(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 40 || (code !== '42501' && code !== '55006')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

afterAll(async () => {
  const made = database;
  database = undefined;
  const name = made ? await made.catch(() => null) : null;
  if (name) await dropDatabase(name);
});
