import { AppError } from '../kernel/errors';
import type { Role } from '../api/roles';
import type { User } from '../api/contract';
import type { PrintTemplate } from './events';

const handlers = ['clerk', 'inspector', 'operator', 'packer'] as const;

// Who prints each kind of job, from the procedures that queue it: a lot's label and piece tags go
// with its pieces from bench to bench, so whoever handles pieces may need them again.
const printedBy: Record<PrintTemplate, readonly Role[]> = {
  'lot-label': handlers,
  'piece-tag': handlers,
  'delivery-receipt': ['clerk'],
  'return-note': ['inspector'],
  'plating-traveller': ['planner', 'operator'],
  'packing-slip': ['packer'],
  'shipping-label': ['packer'],
  'customs-declaration': ['packer'],
  'carrier-label': ['packer'],
};

/**
 * A job is cancelled, reprinted or marked printed by those who print its kind, and by supervisors
 * and admins: a clerk does not cancel the packer's shipping label, nor a planner reprint a lot label.
 */
export function assertMayHandle(user: User, template: string, procedure: string): void {
  const roles = [...(printedBy[template as PrintTemplate] ?? []), 'supervisor', 'admin'];
  if (!user.roles.some((role) => roles.includes(role)))
    throw new AppError('auth.forbidden', `${user.name} may not ${procedure} a ${template} job`, { name: user.name, procedure, roles: roles.join(',') });
}
