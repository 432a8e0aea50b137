import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { clerks } from '../api/roles';
import { defineEvent } from '../events/define';

/** A delivery that came without a notice (an artisan at the desk with a bag): opened by the clerk. */
export const deliveryOpened = defineEvent({
  type: 'delivery.opened',
  payload: z.object({ code: z.string().max(40), artisanId: z.string().max(40) }),
  lotId: () => null,
  authority: { by: 'person', roles: clerks },
  async apply(trx, p, e) {
    await trx.insertInto('delivery_notices').values({ code: p.code, artisan_id: p.artisanId, sent_at: e.at, status: 'receiving', received_by: null, received_at: null }).execute();
  },
});

export const deliveryFinished = defineEvent({
  type: 'delivery.finished',
  payload: z.object({ code: z.string().max(40) }),
  lotId: () => null,
  authority: { by: 'person', roles: clerks },
  async apply(trx, p, e) {
    const done = await trx
      .updateTable('delivery_notices')
      .set({ status: 'received', received_by: e.userId, received_at: e.at })
      .where('code', '=', p.code)
      .where('status', '!=', 'received')
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n) throw new AppError('receiving.alreadyFinished', `Delivery ${p.code} is already finished`, { code: p.code });
  },
});
