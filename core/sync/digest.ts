import { createHash } from 'node:crypto';
import { lotStates, type Db } from '../db/schema';

export interface Digest {
  hash: string;
  events: number;
  lots: number;
}

const page = 50_000;

/**
 * A hash of the store's facts: the ids of every event it holds (refused ones aside) and every
 * lot's pieces per state. Two stores at the same digest hold the same facts.
 */
export async function digestStore(db: Db): Promise<Digest> {
  const hash = createHash('sha256');
  let events = 0;
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('events').select('id').where('status', '!=', 'rejected').where('id', '>', after).orderBy('id').limit(page).execute();
    for (const row of rows) hash.update(`e:${row.id}\n`);
    events += rows.length;
    if (rows.length < page) break;
    after = rows[rows.length - 1]!.id;
  }
  let lots = 0;
  after = '';
  for (;;) {
    const rows = await db.selectFrom('lots').select(['id', 'received_qty', ...lotStates]).where('id', '>', after).orderBy('id').limit(page).execute();
    for (const row of rows) hash.update(`l:${row.id}:${row.received_qty}:${lotStates.map((s) => row[s]).join(',')}\n`);
    lots += rows.length;
    if (rows.length < page) break;
    after = rows[rows.length - 1]!.id;
  }
  return { hash: hash.digest('hex'), events, lots };
}
