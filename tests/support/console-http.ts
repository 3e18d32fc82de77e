/**
 * The operations console over plain HTTP for tests: fetch a page without following
 * redirects, post a form with the session cookie, read the hidden CSRF field, and log a
 * user in through the log-in form (its own double-submit token) to get a session.
 */
export interface ConsoleSession {
  cookie: string;
  csrf: string;
}

export function consolePage(hubUrl: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${hubUrl}${path}`, { redirect: 'manual', ...init });
}

export function formPost(fields: Record<string, string>, cookie: string): RequestInit {
  return { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

export function cookieOf(response: Response, name: string): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!cookie) throw new Error(`no ${name} cookie`);
  return cookie.split(';')[0]!;
}

export function hiddenCsrf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no csrf field on the page');
  return token;
}

/** Logs `username` in through the form; returns the session cookie and the pages' CSRF token. */
export async function logInOverHttp(hubUrl: string, username: string, password: string): Promise<ConsoleSession> {
  const loginForm = await consolePage(hubUrl, '/admin/login');
  const loginCookie = cookieOf(loginForm, 'hub_login_csrf');
  const response = await consolePage(hubUrl, '/admin/login', formPost({ csrf: hiddenCsrf(await loginForm.text()), username, password }, loginCookie));
  if (response.status !== 303) throw new Error(`log-in of ${username} answered ${response.status}`);
  const cookie = cookieOf(response, 'hub_session');
  const home = await consolePage(hubUrl, '/admin', { headers: { cookie } });
  return { cookie, csrf: hiddenCsrf(await home.text()) };
}
