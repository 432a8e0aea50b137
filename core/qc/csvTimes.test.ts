import { afterEach, describe, expect, it } from 'vitest';
import { inspectionsCsv } from './quality';
import { decide } from './service';
import { qcWorld, restGood, type QcWorld } from './testWorld';

// The inspections CSV gives each decision's time as the site's clock read it, with the offset: a
// spreadsheet opened in Nairobi shows the hour the inspector saw on the bench, not UTC's.

let world: QcWorld;
afterEach(() => world?.store.close());

async function acceptAt(at: string): Promise<void> {
  world.clock.now = new Date(at);
  const lotId = await world.receive(60);
  const view = await restGood(world.as('inspector'), lotId);
  await decide(world.as('inspector'), { lotId, inspectionId: view.inspectionId, verdict: 'accept', disposition: null, reason: null });
}

const decidedAt = (csv: string) => csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[1]);

describe('inspections CSV times', () => {
  it('are Nairobi time with +03:00, the day after UTC’s for a decision after 21:00 UTC', async () => {
    world = await qcWorld(0);
    await acceptAt('2026-12-06T06:30:00Z');
    await acceptAt('2026-12-06T22:15:05Z');
    const file = await inspectionsCsv(world.store.db, 'A-1', world.clock.now);
    expect(decidedAt(file.csv)).toEqual(['2026-12-07T01:15:05+03:00', '2026-12-06T09:30:00+03:00']);
    expect(file.filename).toBe('inspections-A-1-2026-12-07.csv');
  });

  it('follow the site’s own zone where its calendar names one', async () => {
    world = await qcWorld(0);
    await world.store.db.insertInto('plating_calendar').values({ id: 1, time_zone: 'Europe/Berlin', shifts: '[]', closed: '[]' }).execute();
    await acceptAt('2026-12-06T06:30:00Z');
    const file = await inspectionsCsv(world.store.db, 'A-1', world.clock.now);
    expect(decidedAt(file.csv)).toEqual(['2026-12-06T07:30:00+01:00']);
  });
});
