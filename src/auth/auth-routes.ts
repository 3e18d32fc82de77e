/**
 * Log-in for people: `POST /auth/login` checks the password (scrypt, lock-out after
 * repeated failures), starts a session in an HttpOnly, SameSite=Strict cookie and
 * returns the CSRF token the pages send back; `POST /auth/logout`; `GET /auth/me`.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { problem } from '../http/problem.js';
import type { AuditLog } from '../store/audit-log.js';
import type { Credentials } from './credentials.js';
import { SESSION_COOKIE, authenticate, type AuthVariables } from './middleware.js';

export function authRoutes(credentials: Credentials, secureCookies: boolean, audit: AuditLog): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();

  app.post('/login', async (c) => {
    const body = await c.req.json<{ username?: unknown; password?: unknown }>().catch(() => ({} as Record<string, unknown>));
    if (typeof body.username !== 'string' || typeof body.password !== 'string') {
      return problem(c, { status: 400, title: 'Bad request', detail: 'send JSON { "username": …, "password": … }' });
    }
    const principal = await credentials.checkPassword(body.username, body.password);
    if (principal === 'locked' || !principal) await audit.record(body.username, principal === 'locked' ? 'log-in refused (locked)' : 'log-in failed', body.username);
    if (principal === 'locked') {
      return problem(c, { status: 429, title: 'Too many requests', code: 'LOCKED', detail: 'too many failed log-ins; try again in 15 minutes' });
    }
    if (!principal) return problem(c, { status: 401, title: 'Unauthorized', code: 'BAD_CREDENTIALS', detail: 'wrong user name or password' });
    const session = await credentials.startSession(principal);
    await audit.record(principal.name, 'log-in', principal.name, { role: principal.role });
    setCookie(c, SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'Strict', secure: secureCookies, path: '/', maxAge: 8 * 3600 });
    return c.json({ user: principal.name, role: principal.role, csrfToken: session.csrf });
  });

  app.post('/logout', authenticate(credentials), async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await credentials.endSession(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', authenticate(credentials), (c) => {
    const principal = c.get('principal');
    if (!principal) return problem(c, { status: 401, title: 'Unauthorized', code: 'UNAUTHENTICATED', detail: 'not logged in' });
    return c.json(principal);
  });
  return app;
}
