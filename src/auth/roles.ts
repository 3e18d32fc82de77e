/**
 * Roles and what each may do. Routes declare the permission they need; a role is a
 * fixed set of permissions, so "an agent cannot replay" and "an integrator cannot see
 * unmasked personal data" are facts of this table.
 */
export const PERMISSIONS = [
  'orders:read', 'orders:read-pii', 'failures:read', 'failures:replay',
  'targets:read', 'targets:manage', 'audit:read', 'users:manage', 'stock:read', 'orders:change', 'calls:pop',
  'orders:lookup', 'devices:read', 'devices:manage', 'shipments:manage', 'mappings:test', 'mappings:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Roles a person or an API token may have. */
export const ROLES = ['admin', 'operator', 'integrator', 'agent', 'channel'] as const;
/** `device`: a registered kiosk, known by its signature, never by a token or a log-in. */
export type Role = (typeof ROLES)[number] | 'device';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  operator: ['orders:read', 'orders:read-pii', 'failures:read', 'failures:replay', 'targets:read', 'targets:manage', 'audit:read', 'stock:read', 'orders:change', 'orders:lookup', 'devices:read', 'shipments:manage'],
  integrator: ['orders:read', 'failures:read', 'targets:read', 'stock:read', 'devices:read', 'mappings:test', 'mappings:write'],
  agent: ['orders:read', 'orders:read-pii', 'stock:read', 'orders:change', 'orders:lookup'],
  // A sales channel's machine token (storefront): it may ask what is in stock, look an
  // order up by its code and pass on its customers' changes and cancellations, nothing else.
  // The phone system's token is a channel token too: it tells the hub who is calling.
  channel: ['stock:read', 'orders:change', 'calls:pop', 'orders:lookup'],
  // A kiosk: what is in stock, and an order's state by its confirmation code.
  device: ['stock:read', 'orders:lookup'],
};

export function isRole(value: unknown): value is (typeof ROLES)[number] {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Who is calling: a person with a session, or a machine with an API token. */
export interface Principal {
  kind: 'user' | 'token' | 'device';
  name: string;
  role: Role;
  /** A device's store. */
  store?: string;
}
