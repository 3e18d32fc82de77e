/**
 * Who is calling, and may they? `authenticate` finds the principal from an API token
 * (`Authorization: Bearer …`) or a session cookie, and for cookie sessions requires the
 * CSRF token on every unsafe method. `requirePermission` refuses with 401 (nobody) or
 * 403 (not allowed), as problem+json.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { problem } from '../http/problem.js';
import type { Credentials } from './credentials.js';
import type { Devices } from '../sdk/connector.js';
import { DEVICE_HEADERS } from '../devices/signed-message.js';
import { can, type Permission, type Principal } from './roles.js';

export const SESSION_COOKIE = 'hub_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthVariables {
  principal: Principal | undefined;
}

/** A device's signed request is good for this long either side of the hub's clock. */
export const DEVICE_TOLERANCE_SECONDS = 300;

/** With `devices`, a request signed by a registered device (see docs/kiosks.md) is that device. */
export function authenticate(credentials: Credentials, devices?: Devices) {
  return createMiddleware<{ Variables: AuthVariables }>(async function authenticateRequest(c, next) {
    if (devices && c.req.header(DEVICE_HEADERS.key) !== undefined) {
      c.set('principal', await devicePrincipal(c, devices));
      return next();
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) {
      c.set('principal', await credentials.principalOfToken(bearer));
      return next();
    }
    const sessionId = getCookie(c, SESSION_COOKIE);
    const session = sessionId ? await credentials.session(sessionId) : undefined;
    if (session && !SAFE_METHODS.has(c.req.method) && !sameToken(c.req.header(CSRF_HEADER), session.csrf)) {
      return problem(c, { status: 403, title: 'Forbidden', code: 'CSRF', detail: `unsafe requests with a session need the ${CSRF_HEADER} header` });
    }
    c.set('principal', session?.principal);
    return next();
  });
}

export function requirePermission(permission: Permission) {
  return createMiddleware<{ Variables: AuthVariables }>(async function checkPermission(c, next) {
    const principal = c.get('principal');
    if (!principal) {
      return problem(c, { status: 401, title: 'Unauthorized', code: 'UNAUTHENTICATED', detail: 'log in, or send an API token as Authorization: Bearer' });
    }
    if (!can(principal.role, permission)) {
      return problem(c, { status: 403, title: 'Forbidden', code: 'NOT_ALLOWED', detail: `role ${principal.role} may not ${permission}` });
    }
    return next();
  });
}

/** The device that signed this request; throws UnauthorizedError (a 401) when none did. */
async function devicePrincipal(c: Context, devices: Devices): Promise<Principal> {
  const url = new URL(c.req.url);
  const identity = await devices.authenticate({
    keyId: c.req.header(DEVICE_HEADERS.key) ?? '',
    timestamp: c.req.header(DEVICE_HEADERS.timestamp) ?? '',
    nonce: c.req.header(DEVICE_HEADERS.nonce) ?? '',
    signature: c.req.header(DEVICE_HEADERS.signature) ?? '',
    method: c.req.method, target: `${url.pathname}${url.search}`,
    body: Buffer.from(await c.req.arrayBuffer()),
  }, { toleranceSeconds: DEVICE_TOLERANCE_SECONDS });
  return { kind: 'device', name: identity.deviceId, role: 'device', store: identity.store };
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
