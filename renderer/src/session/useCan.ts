import { procedures, type ProcedureName } from '../../../core/api/contract';
import { allows } from '../../../core/api/roles';
import { useUser } from './Session';

/**
 * Whether the person logged in may call a procedure: a screen shows a button only to those its
 * procedure allows (the core checks again), so nobody meets a Save that is then refused.
 */
export function useCan(procedure: ProcedureName): boolean {
  return allows(procedures[procedure].access, useUser().roles);
}
