import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { Trx } from '../db/schema';
import type { Actor, EventDefinition, EventEnvelope } from './define';
import { storedPayload } from './payload';

/**
 * Appends one event to the log, at its type's current payload version, and applies it, inside the
 * caller's transaction: the domain rows and the log (which is also the sync outbox) commit
 * together or not at all.
 */
export async function record<P>(trx: Trx, actor: Actor, definition: EventDefinition<P>, payload: P): Promise<EventEnvelope> {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) throw new AppError('api.invalidInput', `Invalid ${definition.type}: ${parsed.error.message}`);
  const last = await trx
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('station', '=', actor.station)
    .executeTakeFirst();
  const envelope: EventEnvelope = {
    id: uuidv7(),
    station: actor.station,
    seq: (last?.seq ?? 0) + 1,
    type: definition.type,
    lotId: definition.lotId(parsed.data),
    userId: actor.userId,
    at: actor.now().toISOString(),
  };
  await trx
    .insertInto('events')
    .values({
      id: envelope.id,
      station: envelope.station,
      seq: envelope.seq,
      type: envelope.type,
      lot_id: envelope.lotId,
      payload: JSON.stringify(storedPayload(definition, parsed.data)),
      user_id: envelope.userId,
      at: envelope.at,
      upstream_seq: null,
    })
    .execute();
  await definition.apply(trx, parsed.data, envelope);
  return envelope;
}
