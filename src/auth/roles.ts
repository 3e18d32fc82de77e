/**
 * Roles and what each may do. Routes declare the permission they need; a role is a
 * fixed set of permissions, so "an agent cannot replay" and "an integrator cannot see
 * unmasked personal data" are facts of this table.
 */
export const PERMISSIONS = [
  'orders:read', 'orders:read-pii', 'failures:read', 'failures:replay',
  'targets:read', 'targets:manage', 'audit:read', 'users:manage', 'stock:read', 'orders:change', 'calls:pop',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'operator', 'integrator', 'agent', 'channel'] as const;
export type Role = (typeof ROLES)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  operator: ['orders:read', 'orders:read-pii', 'failures:read', 'failures:replay', 'targets:read', 'targets:manage', 'audit:read', 'stock:read', 'orders:change'],
  integrator: ['orders:read', 'failures:read', 'targets:read', 'stock:read'],
  agent: ['orders:read', 'orders:read-pii', 'stock:read', 'orders:change'],
  // A sales channel's machine token (storefront, kiosk): it may ask what is in stock and
  // pass on its customers' changes and cancellations, nothing else.
  // The phone system's token is a channel token too: it tells the hub who is calling.
  channel: ['stock:read', 'orders:change', 'calls:pop'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Who is calling: a person with a session, or a machine with an API token. */
export interface Principal {
  kind: 'user' | 'token';
  name: string;
  role: Role;
}
