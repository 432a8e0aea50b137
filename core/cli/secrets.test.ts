import { describe, expect, it } from 'vitest';
import { secretsFromEnvironment } from './secrets';

describe("a service's secrets from its environment", () => {
  const env = { KARAKANA_PG: 'postgres://k:pw@db/k', KARAKANA_ENROLL_KEY: 'site', KARAKANA_PLATFORM_KEY: 'platform', KARAKANA_UPSTREAM_KEY: 'hub' };

  it('stand for the options the command line left out', () => {
    const values: Record<string, string | boolean | undefined> = { port: '4280' };
    secretsFromEnvironment(values, env);
    expect(values).toEqual({ port: '4280', pg: env.KARAKANA_PG, 'enroll-key': 'site', 'platform-key': 'platform', 'upstream-key': 'hub' });
  });

  it('never override the command line, and give no --pg beside a --db', () => {
    const values: Record<string, string | boolean | undefined> = { db: 'hub.db', 'enroll-key': 'typed' };
    secretsFromEnvironment(values, env);
    expect(values).toEqual({ db: 'hub.db', 'enroll-key': 'typed', 'platform-key': 'platform', 'upstream-key': 'hub' });
  });
});
