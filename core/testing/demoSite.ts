import { seedDemoUpstream } from '../../upstream/demo';
import type { UpstreamTarget } from '../../upstream/pg/store';
import { startUpstreamServer } from '../../upstream/server';
import { Upstream } from '../../upstream/service';
import { tempStoreFile } from './tempStore';

/**
 * The demo headquarters' upstream, seeded and served on loopback: a SQLite file of its own unless
 * another target (PostgreSQL) is given. Both go on `open`, for the test to close after it.
 */
export async function demoSite(open: { close(): Promise<void> }[], target: string | UpstreamTarget = tempStoreFile('upstream.db')) {
  const upstream = await Upstream.open(target, { demo: true });
  open.push(upstream);
  await seedDemoUpstream(upstream);
  const server = await startUpstreamServer(upstream, { port: 0, host: '127.0.0.1' });
  open.push(server);
  return { upstream, url: server.url };
}
