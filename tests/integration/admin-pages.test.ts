/**
 * The operations console over plain HTTP (no browser): pages redirect to the log-in
 * form without a session, the log-in form needs its own token, roles get a 403 page
 * for actions they may not take, form posts without the session's CSRF token are
 * refused, and an integrator sees an order with personal data masked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import type { Role } from '../../src/auth/roles.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const PASSWORD = 'correct horse battery staple';

let world: World;
let orderId: string;
let email: string;

beforeAll(async () => {
  world = await startWorld();
  const credentials = new Credentials(world.hub.hub.runtime.redis, world.hub.prefix);
  for (const role of ['operator', 'integrator'] as const) await credentials.addUser(`ann-${role}`, role, PASSWORD);
  const source = makeShopifyOrder(900);
  email = source.email;
  orderId = ((await world.store.sendOrderWebhook(world.webhookUrl, source)).body as { hubOrderId: string }).hubOrderId;
  await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${orderId}`)).body.state === 'sent' ? true : undefined), 15_000, 'order sent');
});

afterAll(async () => {
  await world?.stop();
});

function page(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${world.hub.url}${path}`, { redirect: 'manual', ...init });
}

function cookieOf(response: Response, name: string): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  if (!cookie) throw new Error(`no ${name} cookie`);
  return cookie.split(';')[0]!;
}

function hiddenCsrf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no csrf field on the page');
  return token;
}

function form(fields: Record<string, string>, cookie: string): RequestInit {
  return { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

/** Logs in through the form; returns the session cookie and the CSRF token of the pages. */
async function logIn(role: Role): Promise<{ cookie: string; csrf: string }> {
  const formPage = await page('/admin/login');
  const loginCookie = cookieOf(formPage, 'hub_login_csrf');
  const response = await page('/admin/login', form({ csrf: hiddenCsrf(await formPage.text()), username: `ann-${role}`, password: PASSWORD }, loginCookie));
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/admin');
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('hub_session='))!;
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Strict/i);
  const cookie = cookieOf(response, 'hub_session');
  const dashboard = await page('/admin', { headers: { cookie } });
  expect(dashboard.status).toBe(200);
  return { cookie, csrf: hiddenCsrf(await dashboard.text()) };
}

describe('operations console pages', () => {
  it('sends visitors without a session to the log-in form', async () => {
    for (const path of ['/admin', '/admin/failures', `/admin/orders/${orderId}`, '/admin/audit', '/admin/queues']) {
      const response = await page(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location')).toBe('/admin/login');
    }
    const post = await page('/admin/targets/oms-main/pause', form({ csrf: 'x' }, ''));
    expect(post.status).toBe(302);
    const login = await page('/admin/login');
    expect(login.status).toBe(200);
    expect(login.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await login.text()).toContain('name="password"');
  });

  it('refuses a log-in post without the form token and a wrong password', async () => {
    const noToken = await page('/admin/login', form({ username: 'ann-operator', password: PASSWORD }, ''));
    expect(noToken.status).toBe(403);
    const formPage = await page('/admin/login');
    const wrong = await page('/admin/login', form({ csrf: hiddenCsrf(await formPage.text()), username: 'ann-operator', password: 'not the password at all' }, cookieOf(formPage, 'hub_login_csrf')));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong user name or password');
  });

  it('records the log-in and refuses a form post without the hidden CSRF token', async () => {
    const { cookie, csrf } = await logIn('operator');
    const refused = await page('/admin/targets/oms-main/pause', form({}, cookie));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('CSRF');
    expect((await page('/admin/targets/oms-main/pause', form({ csrf: 'forged' }, cookie))).status).toBe(403);
    const paused = await page('/admin/targets/oms-main/pause', form({ csrf }, cookie));
    expect(paused.status).toBe(303);
    expect((await page('/admin/targets/oms-main/resume', form({ csrf }, cookie))).status).toBe(303);
    const audit = await (await page('/admin/audit', { headers: { cookie } })).text();
    expect(audit).toContain('log-in');
    expect(audit).toMatch(/resume[\s\S]*pause/);
  });

  it('gives an integrator a 403 page for failure actions, the audit log and the queues', async () => {
    const { cookie, csrf } = await logIn('integrator');
    expect((await page('/admin/failures', { headers: { cookie } })).status).toBe(200);
    for (const path of ['/admin/failures/replay', '/admin/failures/x/replay', '/admin/failures/x/discard']) {
      const response = await page(path, form({ csrf, reason: 'no longer wanted' }, cookie));
      expect(response.status, path).toBe(403);
      expect(await response.text()).toContain('may not failures:replay');
    }
    expect((await page('/admin/failures/replay?instance=oms-main', { headers: { cookie } })).status).toBe(403);
    expect((await page('/admin/targets/oms-main/pause', form({ csrf }, cookie))).status).toBe(403);
    expect((await page('/admin/audit', { headers: { cookie } })).status).toBe(403);
    expect((await page('/admin/queues', { headers: { cookie } })).status).toBe(403);
  });

  it('masks personal data on the order page for an integrator, and hides the raw bytes link', async () => {
    const { cookie } = await logIn('integrator');
    const response = await page(`/admin/orders/${orderId}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(orderId);
    expect(html).not.toContain(email);
    expect(html).toContain('***');
    expect(html).not.toContain('/raw');
    const search = await page(`/admin/orders?q=${encodeURIComponent(email)}`, { headers: { cookie } });
    expect(await search.text()).toContain('needs orders:read-pii');
  });

  it('shows an operator the same order unmasked, with the raw bytes link, and finds it by e-mail', async () => {
    const { cookie } = await logIn('operator');
    const html = await (await page(`/admin/orders/${orderId}`, { headers: { cookie } })).text();
    expect(html).toContain(email);
    expect(html).toContain(`/api/orders/${orderId}/raw`);
    const search = await (await page(`/admin/orders?q=${encodeURIComponent(email)}`, { headers: { cookie } })).text();
    expect(search).toContain(`/admin/orders/${orderId}`);
  });

  it('charts each queue\'s throughput over the last hour on the dashboard', async () => {
    const { cookie } = await logIn('operator');
    // Workers write queue statistics once a second: wait for the deliveries to be counted.
    const html = await eventually(async () => {
      const text = await (await page('/admin', { headers: { cookie } })).text();
      const delivered = /aria-label="deliver-oms-main: (\d+) jobs completed in the last hour"/.exec(text);
      return Number(delivered?.[1]) > 0 ? text : undefined;
    }, 5000, 'the deliveries on the throughput chart');
    for (const queue of ['normalize', 'deliver-oms-main', 'notify-web-shop', 'poll']) expect(html).toContain(`data-queue="${queue}"`);
    expect(html).toMatch(/<polyline points="[0-9., ]+"/);
  });

  it('serves bull-board over the hub queues to an operator', async () => {
    const { cookie } = await logIn('operator');
    const board = await page('/admin/queues', { headers: { cookie } });
    expect(board.status).toBe(200);
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(await board.text())?.[1];
    expect(script).toBeDefined();
    const asset = await page(`/admin/queues/${script}`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    const api = await page('/admin/queues/api/queues', { headers: { cookie } });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['normalize', 'deliver-oms-main', 'poll']));
  });
});
