/**
 * Console access: `requireSession` finds the session from the `hub_session` cookie
 * (redirecting to the log-in page without one) and, on every POST, requires the
 * session's CSRF token in the form's hidden `csrf` field, since HTML forms cannot send
 * the header the API uses. `requirePage` answers a 403 page when the role lacks the
 * permission (the same table as the API).
 */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Credentials } from '../auth/credentials.js';
import { SESSION_COOKIE } from '../auth/middleware.js';
import { can, type Permission } from '../auth/roles.js';
import type { AdminEnv } from './admin-env.js';
import { readForm } from './form.js';
import { forbidden } from './render.js';
import { sameToken } from './same-token.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireSession(credentials: Credentials) {
  return createMiddleware<AdminEnv>(async function findSession(c, next) {
    const id = getCookie(c, SESSION_COOKIE);
    const session = id ? await credentials.session(id) : undefined;
    if (!session) return c.redirect('/admin/login', 302);
    c.set('principal', session.principal);
    c.set('csrf', session.csrf);
    if (!SAFE_METHODS.has(c.req.method) && !sameToken((await readForm(c)).csrf, session.csrf)) {
      return forbidden(c, 'This form was not sent from a console page of your session (missing or wrong CSRF token). Reload the page and try again.');
    }
    return next();
  });
}

export function requirePage(permission: Permission) {
  return createMiddleware<AdminEnv>(async function checkPagePermission(c, next) {
    const principal = c.get('principal');
    if (!can(principal.role, permission)) return forbidden(c, `Your role (${principal.role}) may not ${permission}.`);
    return next();
  });
}
