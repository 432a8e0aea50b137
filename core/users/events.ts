import { z } from 'zod';
import { admins, roles } from '../api/roles';
import { defineEvent } from '../events/define';

const role = z.enum(roles);

export const userAdded = defineEvent({
  type: 'user.added',
  payload: z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    roles: z.array(role),
    pinHash: z.string(),
  }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  async apply(trx, p) {
    await trx
      .insertInto('users')
      .values({ id: p.id, username: p.username, name: p.name, roles: JSON.stringify(p.roles), pin_hash: p.pinHash, language: 'en', disabled: 0, locked_until: null })
      .execute();
  },
});

export const userChanged = defineEvent({
  type: 'user.changed',
  payload: z.object({ id: z.string(), name: z.string(), roles: z.array(role) }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  async apply(trx, p) {
    await trx.updateTable('users').set({ name: p.name, roles: JSON.stringify(p.roles) }).where('id', '=', p.id).execute();
  },
});

export const userPinReset = defineEvent({
  type: 'user.pinReset',
  payload: z.object({ id: z.string(), pinHash: z.string() }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  async apply(trx, p) {
    await trx.updateTable('users').set({ pin_hash: p.pinHash, failed_pins: 0, locked_until: null }).where('id', '=', p.id).execute();
  },
});

/** How long five wrong PINs in a row lock a user. */
export const lockMinutes = 5;

// The fifth wrong PIN in a row at some station (the actor is the user locked): every station of the
// site refuses that user until then. A PIN reset lifts it. A lock never reaches further than
// lockMinutes past the moment it was made, whatever its payload says, so no station can lock a user
// for longer; and the upstream takes it only from the user it locks (authority `self`).
export const userLocked = defineEvent({
  type: 'user.locked',
  payload: z.object({ id: z.string(), until: z.string().datetime() }),
  lotId: () => null,
  authority: { by: 'person', roles: 'anyone', self: true },
  async apply(trx, p, e) {
    const latest = new Date(Date.parse(e.at) + lockMinutes * 60_000).toISOString();
    const until = p.until < latest ? p.until : latest;
    await trx
      .updateTable('users')
      .set({ locked_until: until })
      .where('id', '=', p.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', until)]))
      .execute();
  },
});

export const userDisabled = defineEvent({
  type: 'user.disabled',
  payload: z.object({ id: z.string(), disabled: z.boolean() }),
  lotId: () => null,
  authority: { by: 'person', roles: admins },
  async apply(trx, p) {
    await trx.updateTable('users').set({ disabled: p.disabled ? 1 : 0 }).where('id', '=', p.id).execute();
    if (p.disabled) await trx.deleteFrom('sessions').where('user_id', '=', p.id).execute();
  },
});
