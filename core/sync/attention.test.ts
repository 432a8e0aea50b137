import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { openStore } from '../db/store';
import { demoStoreFile } from '../testing/tempStore';
import { attentionList } from './attention';

// The Sync screen shows a supervisor each event that needs attention as its type reads today,
// whichever version of Karakana stored it.

describe('what needs attention', () => {
  it('shows a version-1 reading upcast, a version-2 one without its mark, and one this Karakana cannot read as stored', async () => {
    const store = await openStore(await demoStoreFile());
    try {
      const lot = await store.db.selectFrom('lots').select('id').orderBy('id').executeTakeFirstOrThrow();
      const user = await store.db.selectFrom('users').select('id').where('username', '=', 'grace').executeTakeFirstOrThrow();
      const reading = { entryId: 'E-1', inspectionId: 'I-1', lotId: lot.id, piece: 3, measure: 'weight', value: 9.9, outOfTolerance: null };
      const spec = { target: 10.2, tolerance: 0.3 };
      // As a store holds them: version 1 without its figure, version 2 with its `v`, and a version from a later Karakana.
      const stored = [reading, { v: 2, ...reading, spec }, { v: 3, ...reading, figure: spec }];
      for (const [i, payload] of stored.entries()) {
        const id = uuidv7();
        const at = `2026-01-0${i + 1}T08:00:00.000Z`;
        await store.db.insertInto('events').values({ id, station: 'Q9', seq: i + 1, type: 'qc.measured', lot_id: lot.id, payload: JSON.stringify(payload), user_id: user.id, at, upstream_seq: null, local: 0 }).execute();
        await store.db.insertInto('sync_attention').values({ event_id: id, kind: 'conflict', reason: 'sync.conflict', params: '{}', current: null, at, resolved_by: null, resolved_at: null, resolution: null }).execute();
      }
      const shown = (await attentionList(store.db)).map((item) => item.event.payload).reverse();
      expect(shown).toEqual([{ ...reading, spec: null }, { ...reading, spec }, stored[2]]);
    } finally {
      await store.close();
    }
  });
});
