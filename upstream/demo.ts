import { v7 as uuidv7 } from 'uuid';
import { demoUsers } from '../core/demo/data';
import { seededRandom } from '../core/demo/random';
import { demoReferenceFacts } from '../core/demo/reference';
import type { Upstream } from './service';

/** A demo upstream starts holding the demo headquarters' users and reference data, as the platform would. */
export async function seedDemoUpstream(upstream: Upstream, now = new Date()): Promise<void> {
  if ((await upstream.head()) > 0) return;
  const ids = new Map<string, string>(demoUsers.map((u) => [u.username, uuidv7()]));
  const { facts } = await demoReferenceFacts(seededRandom(2026), now, ids);
  await upstream.publish(facts, ids.get('grace')!, now);
}
