import { fact, type Fact } from '../../../core/demo/reference';
import { artisanRegistered } from '../../../core/reference/events';
import { changed, inPieces, isoDay, keysOf, readers, type Kind } from '../kind';

type Artisan = { id: string; name: string; phone: string; region: string; joinedOn: string };

/** Artisans: id, name, region, phone; joined_on (YYYY-MM-DD) is the day they are first published unless given. */
export const artisans: Kind = {
  required: ['id', 'name', 'region', 'phone'],
  optional: ['joined_on'],
  async facts(rows, { db, problems, now }) {
    const stored = new Map<string, Artisan>(
      (await inPieces(keysOf(rows, 'id'), (piece) => db.selectFrom('artisans').selectAll().where('id', 'in', piece).execute())).map((a) => [
        a.id,
        { id: a.id, name: a.name, phone: a.phone, region: a.region, joinedOn: a.joined_on },
      ]),
    );
    const seen = new Map<string, number>();
    const facts: Fact[] = [];
    for (const r of readers(rows, problems)) {
      const id = r.id('id');
      if (id) r.once(seen, 'id', id);
      const payload = { id, name: r.text('name'), phone: r.text('phone'), region: r.text('region'), joinedOn: r.date('joined_on', true) ?? stored.get(id)?.joinedOn ?? isoDay(now) };
      if (r.ok && changed(payload, stored.get(id))) facts.push(fact(artisanRegistered, payload));
    }
    return facts;
  },
};
