// A service's secrets stay off its command line, which every user of the machine can read (ps,
// /proc): systemd's EnvironmentFile (mode 0600) or the Windows service's environment sets these
// instead. An option on the command line still wins.
const fromEnvironment = {
  pg: 'KARAKANA_PG',
  'enroll-key': 'KARAKANA_ENROLL_KEY',
  'platform-key': 'KARAKANA_PLATFORM_KEY',
  'upstream-key': 'KARAKANA_UPSTREAM_KEY',
} as const;

export const secretsUsage = `  KARAKANA_PG, KARAKANA_ENROLL_KEY, KARAKANA_PLATFORM_KEY and KARAKANA_UPSTREAM_KEY in the environment stand for
  --pg, --enroll-key, --platform-key and --upstream-key (a service's keys stay off its command line); KARAKANA_PG is
  not taken when --db is given.`;

/** The options a command line left out, taken from the environment. */
export function secretsFromEnvironment(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv = process.env): void {
  for (const [option, name] of Object.entries(fromEnvironment)) {
    if (values[option] !== undefined || !env[name]) continue;
    if (option === 'pg' && values.db !== undefined) continue;
    values[option] = env[name];
  }
}
