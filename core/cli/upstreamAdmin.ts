import { readFileSync } from 'node:fs';
import { issueHubKey, listStations, revokeStation, type EnrolledStation } from '../../upstream/admin';
import { describeLink, linkState } from '../../upstream/link';
import { openUpstreamStore } from '../../upstream/pg/store';
import type { UpstreamTls } from '../../upstream/server';
import { required } from '../kernel/command';
import { UsageError } from '../kernel/errors';

// `hq upstream add-hub|revoke|stations|status`: the upstream's admin, on the upstream's machine, on its
// store. They work while the upstream runs (SQLite: another process on the same file).

export const upstreamAdminUsage = [
  'hq upstream add-hub --db FILE|--pg URL --name NAME   a hub code (H1...) and its one-time hub key: the hub presents it as --upstream-key',
  'hq upstream revoke --db FILE|--pg URL --station CODE   refuses that station\'s (or hub\'s) token from its next request on',
  'hq upstream stations --db FILE|--pg URL   every station and hub: code, name, hub, enrolled, last seen, revoked',
  'hq upstream status --db FILE|--pg URL   on a hub\'s machine: whether it reaches its upstream, since when, how many events wait there, the last error',
].join('\n');

/** The certificate and key for https, read from --tls-cert and --tls-key (both or neither). */
export function tlsFiles(values: Record<string, unknown>): UpstreamTls | null {
  const [cert, key] = [values['tls-cert'], values['tls-key']] as (string | undefined)[];
  if (!cert && !key) return null;
  if (!cert || !key) throw new UsageError('https needs both --tls-cert FILE and --tls-key FILE');
  const read = (option: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new UsageError(`${option} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  };
  return { cert: read('--tls-cert', cert), key: read('--tls-key', key) };
}

const cell = (value: string | null) => value ?? '-';

function table(stations: EnrolledStation[]): string {
  const rows = [
    ['code', 'name', 'kind', 'enrolled', 'last seen', 'revoked'],
    ...stations.map((s) => [s.code, s.name, s.hub ? 'hub' : 'station', s.enrolledAt ?? 'key issued, not used yet', cell(s.lastSeenAt), cell(s.revokedAt)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export async function upstreamAdmin(values: Record<string, unknown>, positionals: string[]): Promise<void> {
  const [action, ...extra] = positionals;
  if (extra.length || !['add-hub', 'revoke', 'stations', 'status'].includes(action!)) throw new UsageError(`unknown: hq upstream ${positionals.join(' ')}`);
  const name = action === 'add-hub' ? required(values, 'name') : null;
  const code = action === 'revoke' ? required(values, 'station') : null;
  const store = await openUpstreamStore(values.pg !== undefined ? { pg: required(values, 'pg') } : { file: required(values, 'db') });
  try {
    if (name) {
      const hub = await issueHubKey(store.db, name);
      console.log(`Hub ${hub.code} (${name}). Its one-time hub key, shown only now:\n${hub.key}\nOn the hub: hq upstream ... --upstream URL-OF-THIS-UPSTREAM --upstream-key ${hub.key}`);
    } else if (code) {
      await revokeStation(store.db, code);
      console.log(`Station ${code} is revoked: its token is refused from its next request on.`);
    } else if (action === 'status') console.log(describeLink(await linkState(store.db, new Date())));
    else console.log(table(await listStations(store.db)));
  } finally {
    await store.close();
  }
}
