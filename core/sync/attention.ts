import { AppError } from '../kernel/errors';
import type { Ctx } from '../app/context';
import type { Db } from '../db/schema';
import { asRecorded } from '../events/catalog';
import { readPayload } from '../events/payload';
import { lotMoved } from '../lots/events';

export interface AttentionItem {
  eventId: string;
  kind: 'rejected' | 'conflict';
  reason: string;
  params: Record<string, string | number>;
  at: string;
  lotId: string | null;
  event: { type: string; station: string; seq: number; at: string; userName: string; payload: Record<string, unknown> };
  current: Record<string, unknown> | null;
  resolution: { by: string; at: string; how: string } | null;
}

/** What needs a supervisor: this station's events the upstream refused, and those that no longer fit after a pull. */
export async function attentionList(db: Db, limit = 200): Promise<AttentionItem[]> {
  const rows = await db
    .selectFrom('sync_attention')
    .innerJoin('events', 'events.id', 'sync_attention.event_id')
    .leftJoin('users', 'users.id', 'events.user_id')
    .leftJoin('users as resolver', 'resolver.id', 'sync_attention.resolved_by')
    .select([
      'sync_attention.event_id',
      'sync_attention.kind',
      'sync_attention.reason',
      'sync_attention.params',
      'sync_attention.current',
      'sync_attention.at',
      'sync_attention.resolved_at',
      'sync_attention.resolution',
      'resolver.name as resolver_name',
      'events.type',
      'events.station',
      'events.seq',
      'events.at as event_at',
      'events.lot_id',
      'events.payload',
      'users.name as user_name',
      'events.user_id',
    ])
    .orderBy('sync_attention.resolved_at', 'desc')
    .orderBy('sync_attention.at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    kind: r.kind,
    reason: r.reason,
    params: JSON.parse(r.params) as Record<string, string | number>,
    at: r.at,
    lotId: r.lot_id,
    event: { type: r.type, station: r.station, seq: r.seq, at: r.event_at, userName: r.user_name ?? r.user_id, payload: asRecorded(r.type, r.payload) },
    current: r.current ? (JSON.parse(r.current) as Record<string, unknown>) : null,
    resolution: r.resolved_at ? { by: r.resolver_name ?? '', at: r.resolved_at, how: r.resolution ?? '' } : null,
  }));
}

/**
 * A supervisor settles one item: "acknowledge" lets the upstream's version stand; "redo" makes
 * the refused move again now, as a new event of the supervisor's, if the pieces are there.
 */
export async function resolveAttention(ctx: Ctx, eventId: string, how: 'acknowledge' | 'redo'): Promise<void> {
  const item = await ctx.db
    .selectFrom('sync_attention')
    .innerJoin('events', 'events.id', 'sync_attention.event_id')
    .select(['sync_attention.resolved_at', 'events.type', 'events.payload', 'events.status'])
    .where('sync_attention.event_id', '=', eventId)
    .executeTakeFirst();
  if (!item) throw new AppError('sync.attentionNotFound', 'Nothing needs attention under that id');
  if (item.resolved_at) throw new AppError('sync.alreadyResolved', 'This was already settled');
  await ctx.write(async ({ trx, actor, record }) => {
    if (how === 'redo') {
      if (item.type !== lotMoved.type) throw new AppError('sync.cannotRedo', 'Only a move of pieces can be made again');
      if (item.status === 'applied') throw new AppError('sync.stillPending', 'The upstream has not answered for this move yet');
      const move = readPayload(lotMoved, JSON.parse(item.payload));
      if (!move) throw new AppError('sync.cannotRedo', 'This version cannot read that move');
      await record(lotMoved, move.payload);
    }
    await trx
      .updateTable('sync_attention')
      .set({ resolved_by: actor.userId, resolved_at: actor.now().toISOString(), resolution: how })
      .where('event_id', '=', eventId)
      .execute();
  });
}
