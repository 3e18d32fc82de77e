/**
 * Log-in and log-out for the console. The log-in form carries a one-time token that
 * must match a short-lived cookie (double submit), so another site cannot log a
 * browser in under its own account. A right password starts a session like
 * `/auth/login` does (HttpOnly, SameSite=Strict cookie) and is written to the audit log.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Credentials } from '../auth/credentials.js';
import { SESSION_COOKIE } from '../auth/middleware.js';
import type { AuditLog } from '../store/audit-log.js';
import type { AdminEnv } from './admin-env.js';
import { CsrfField, Notice } from './components.js';
import { readForm } from './form.js';
import { render } from './render.js';
import { sameToken } from './same-token.js';
import { requireSession } from './session.js';

const LOGIN_COOKIE = 'hub_login_csrf';
const SESSION_SECONDS = 8 * 3600;

export interface LoginOptions {
  secureCookies: boolean;
}

function LoginForm({ token, message }: { token: string; message?: string }) {
  return (
    <div class="card login">
      <h1>Log in</h1>
      <Notice text={message} error />
      <form method="post" action="/admin/login">
        <CsrfField token={token} />
        <label>User name<input name="username" autocomplete="username" required /></label>
        <label>Password<input name="password" type="password" autocomplete="current-password" required /></label>
        <button type="submit">Log in</button>
      </form>
    </div>
  );
}

function showForm(c: Context<AdminEnv>, secure: boolean, message?: string, status: 200 | 401 | 403 | 429 = 200) {
  const token = randomBytes(24).toString('base64url');
  setCookie(c, LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/admin/login', maxAge: 3600 });
  return render(c, 'Log in', <LoginForm token={token} {...(message ? { message } : {})} />, { status });
}

export function loginRoutes(credentials: Credentials, audit: AuditLog, options: LoginOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const secure = options.secureCookies;

  app.get('/login', (c) => showForm(c, secure));

  app.post('/login', async (c) => {
    const form = await readForm(c);
    if (!sameToken(form.csrf, getCookie(c, LOGIN_COOKIE))) return showForm(c, secure, 'The log-in form expired; please try again.', 403);
    const username = form.username ?? '';
    const principal = await credentials.checkPassword(username, form.password ?? '');
    if (principal === 'locked' || !principal) await audit.record(username, principal === 'locked' ? 'log-in refused (locked)' : 'log-in failed', username);
    if (principal === 'locked') return showForm(c, secure, 'Too many failed log-ins; try again in 15 minutes.', 429);
    if (!principal) return showForm(c, secure, 'Wrong user name or password.', 401);
    const session = await credentials.startSession(principal);
    await audit.record(principal.name, 'log-in', principal.name, { role: principal.role, via: 'console' });
    deleteCookie(c, LOGIN_COOKIE, { path: '/admin/login' });
    setCookie(c, SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: SESSION_SECONDS });
    return c.redirect('/admin', 303);
  });

  app.post('/logout', requireSession(credentials), async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await credentials.endSession(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/admin/login', 303);
  });
  return app;
}
