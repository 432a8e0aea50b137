import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../kernel/errors';
import type { User } from '../api/contract';
import type { Role } from '../api/roles';
import type { Ctx } from '../app/context';
import type { Db, UserTable } from '../db/schema';
import { hashPin } from '../auth/pin';
import { userAdded, userChanged, userDisabled, userPinReset } from './events';

export function toUser(row: Pick<UserTable, 'id' | 'username' | 'name' | 'roles' | 'language' | 'disabled'>): User {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    language: row.language === 'sw' ? 'sw' : 'en',
    disabled: row.disabled === 1,
  };
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map(toUser);
}

export async function getUser(db: Db, id: string): Promise<User> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('user.notFound', `No user ${id}`, { id });
  return toUser(row);
}

export interface NewUser {
  name: string;
  username: string;
  roles: Role[];
  pin: string;
}

/** Admins and supervisors: their PINs open everything, and every station holds their hash to search. */
const longPinDigits = 7;
const needsLongPin = (roles: readonly Role[]) => roles.includes('admin') || roles.includes('supervisor');

export function assertPinFits(roles: readonly Role[], pin: string): void {
  if (needsLongPin(roles) && pin.length < longPinDigits)
    throw new AppError('user.longPinNeeded', `An admin or supervisor needs a PIN of at least ${longPinDigits} digits`, { digits: longPinDigits });
}

export async function addUser(ctx: Ctx, input: NewUser): Promise<User> {
  assertPinFits(input.roles, input.pin);
  const pinHash = await hashPin(input.pin);
  const id = uuidv7();
  await ctx.write(async ({ trx, record }) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new AppError('user.usernameTaken', `The user name ${input.username} is taken`, { username: input.username });
    await record(userAdded, { id, username: input.username, name: input.name, roles: input.roles, pinHash });
  });
  return getUser(ctx.db, id);
}

/** The last enabled admin cannot lose the role or be disabled: nobody could manage users after. */
async function assertAnotherAdmin(ctx: Ctx, id: string): Promise<void> {
  const admins = (await listUsers(ctx.db)).filter((u) => !u.disabled && u.roles.includes('admin') && u.id !== id);
  if (admins.length === 0) throw new AppError('user.lastAdmin', 'At least one enabled admin must remain');
}

/**
 * A change that makes someone an admin or supervisor comes with a new PIN of 7+ digits: the store
 * holds only a hash, so the PIN they have cannot be measured. (One who already was keeps theirs.)
 */
export async function updateUser(ctx: Ctx, input: { id: string; name: string; roles: Role[]; pin?: string | undefined }): Promise<User> {
  const current = await getUser(ctx.db, input.id);
  if (current.roles.includes('admin') && !input.roles.includes('admin')) await assertAnotherAdmin(ctx, input.id);
  // No PIN given: fine for one who keeps their place, refused for one who gains admin or supervisor.
  if (input.pin !== undefined || !needsLongPin(current.roles)) assertPinFits(input.roles, input.pin ?? '');
  const pinHash = input.pin === undefined ? null : await hashPin(input.pin);
  await ctx.write(async ({ record }) => {
    await record(userChanged, { id: input.id, name: input.name, roles: input.roles });
    if (pinHash) await record(userPinReset, { id: input.id, pinHash });
  });
  return getUser(ctx.db, input.id);
}

export async function resetPin(ctx: Ctx, input: { id: string; pin: string }): Promise<void> {
  assertPinFits((await getUser(ctx.db, input.id)).roles, input.pin);
  const pinHash = await hashPin(input.pin);
  await ctx.write(({ record }) => record(userPinReset, { id: input.id, pinHash }));
}

export async function setDisabled(ctx: Ctx, input: { id: string; disabled: boolean }): Promise<User> {
  const current = await getUser(ctx.db, input.id);
  if (input.disabled && current.roles.includes('admin')) await assertAnotherAdmin(ctx, input.id);
  await ctx.write(({ record }) => record(userDisabled, input));
  return getUser(ctx.db, input.id);
}
