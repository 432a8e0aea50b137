export const roles = ['clerk', 'inspector', 'planner', 'operator', 'packer', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who receives at the desk; who manages the site's people, this station and its devices. */
export const clerks = ['clerk', 'supervisor', 'admin'] as const;
export const admins = ['admin'] as const;

/**
 * The features' role groups: who may call their procedures (their contracts) and who may make
 * their facts (their events' authority), named once here so an event need not read a contract.
 */
export const inspectors = ['inspector', 'supervisor', 'admin'] as const;
export const supervisors = ['supervisor', 'admin'] as const;
export const planners = ['planner', 'supervisor', 'admin'] as const;
export const operators = ['operator', 'supervisor', 'admin'] as const;
export const packers = ['packer', 'supervisor', 'admin'] as const;

/** Who may call a procedure: anyone (before login), any logged-in user, or the listed roles. */
export type Access = 'public' | 'session' | readonly Role[];

export function allows(access: Access, userRoles: readonly Role[] | null): boolean {
  if (access === 'public') return true;
  if (!userRoles) return false;
  if (access === 'session') return true;
  return access.some((role) => userRoles.includes(role));
}

/** Who may, as an error's parameter: the roles comma-separated, which the screens put in words. */
export function rolesParam(access: Access): string {
  return typeof access === 'string' ? '' : access.join(',');
}
