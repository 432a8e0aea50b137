import type { Role } from '../../../core/api/roles';
import type { Route } from '../router';

// Each role's own work first; a supervisor or an admin, who oversees them all, starts on Lots.
// The planner's board and the operator's line are one screen, which opens on the tab the role uses.
const landings: [Role, Route][] = [
  ['clerk', { screen: 'receiving', code: null }],
  ['inspector', { screen: 'qc', arg: null }],
  ['planner', { screen: 'plating', arg: null }],
  ['operator', { screen: 'plating', arg: null }],
  ['packer', { screen: 'packing', arg: null }],
];

/** Where a person lands after login (and after the scanner check): their role's own screen. */
export function landingFor(roles: readonly Role[]): Route {
  if (roles.includes('supervisor') || roles.includes('admin')) return { screen: 'lots' };
  return landings.find(([role]) => roles.includes(role))?.[1] ?? { screen: 'lots' };
}
