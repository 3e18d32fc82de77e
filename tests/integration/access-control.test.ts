/**
 * Access control: probes and inbound channel routes are open, everything else needs a
 * session or an API token; each route's permission is enforced per role; personal data
 * is masked for roles that may not see it; sessions need the CSRF token on unsafe
 * requests; repeated failed log-ins lock the account for a while.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import type { Role } from '../../src/auth/roles.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

let world: World;
let credentials: Credentials;
let orderId: string;
let email: string;

beforeAll(async () => {
  world = await startWorld();
  credentials = new Credentials(world.hub.hub.runtime.redis, world.hub.prefix);
  const source = makeShopifyOrder(700);
  email = source.email;
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, source);
  expect(sent.status).toBe(202);
  orderId = (sent.body as { hubOrderId: string }).hubOrderId;
  await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${orderId}`)).body.state === 'sent' ? true : undefined), 15_000, 'order sent');
});

afterAll(async () => {
  await world?.stop();
});

async function tokenFor(role: Role): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await credentials.createToken(`test-${role}`, role)}` };
}

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${world.hub.url}${path}`, init);
}

describe('who may call what', () => {
  it('refuses every API route without credentials, with problem+json, but leaves probes and channels open', async () => {
    for (const path of [`/api/orders/${orderId}`, '/api/orders?confirmation=X', '/api/dead-letters', '/api/targets', `/api/orders/${orderId}/raw`]) {
      const response = await api(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await api('/api/dead-letters/x/replay', { method: 'POST' })).status).toBe(401);
    expect((await api(`/api/orders/${orderId}`, { headers: { authorization: 'Bearer hub_not-a-real-token' } })).status).toBe(401);
    expect((await api('/healthz')).status).toBe(200);
    expect((await api('/readyz')).status).toBe(200);
    expect((await api('/metrics')).status).toBe(401);
    expect((await api('/openapi.json')).status).toBe(401);
    const operator = await tokenFor('operator');
    const metrics = await api('/metrics', { headers: operator });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('hub_orders_received_total');
    expect(((await (await api('/openapi.json', { headers: operator })).json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
    expect((await api('/api/queues', { headers: operator })).status).toBe(200);
    expect((await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(701))).status).toBe(202);
  });

  it('lets an agent read orders with personal data but not replay failures', async () => {
    const headers = await tokenFor('agent');
    const view = await (await api(`/api/orders/${orderId}`, { headers })).json() as { order: { customer: { email: string } } };
    expect(view.order.customer.email).toBe(email);
    const replay = await api('/api/dead-letters/x/replay', { method: 'POST', headers });
    expect(replay.status).toBe(403);
    expect(((await replay.json()) as { detail: string }).detail).toContain('agent');
    expect((await api('/api/dead-letters', { headers })).status).toBe(403);
  });

  it('shows an integrator orders with personal data masked, and no raw bytes or searches by e-mail', async () => {
    const headers = await tokenFor('integrator');
    const response = await api(`/api/orders/${orderId}`, { headers });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(email);
    const view = JSON.parse(text) as { order: { customer: { email: string }; shipTo: { line1: string; country: string }; lines: unknown[] } };
    expect(view.order.customer.email).toBe('***');
    expect(view.order.shipTo.line1).toBe('***');
    expect(view.order.shipTo.country).toMatch(/^[A-Z]{2}$/);
    expect(view.order.lines.length).toBeGreaterThan(0);
    expect((await api(`/api/orders/${orderId}/raw`, { headers })).status).toBe(403);
    expect((await api(`/api/orders?email=${encodeURIComponent(email)}`, { headers })).status).toBe(403);
    expect((await api('/api/dead-letters', { headers })).status).toBe(200);
  });

  it('lets an operator replay (the route is reached: unknown id is 404, not 403)', async () => {
    const headers = await tokenFor('operator');
    expect((await api('/api/dead-letters/no-such-letter/replay', { method: 'POST', headers })).status).toBe(404);
    expect((await api('/api/targets', { headers })).status).toBe(200);
  });

  it('enforces each operator action per role', async () => {
    const actions: Array<[string, string]> = [
      ['POST', '/api/dead-letters/x/replay'], ['POST', '/api/dead-letters/replay'], ['POST', '/api/dead-letters/x/discard'],
      ['POST', '/api/targets/oms-main/pause'], ['POST', '/api/targets/oms-main/resume'], ['GET', '/api/audit'],
    ];
    for (const role of ['agent', 'integrator'] as const) {
      const headers = { ...(await tokenFor(role)), 'content-type': 'application/json' };
      for (const [method, path] of actions) {
        const response = await api(path, { method, headers, ...(method === 'POST' ? { body: '{"reason":"test"}' } : {}) });
        expect(response.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    const operator = { ...(await tokenFor('operator')), 'content-type': 'application/json' };
    expect((await api('/api/audit', { headers: operator })).status).toBe(200);
    expect((await api('/api/targets/oms-main/pause', { method: 'POST', headers: operator })).status).toBe(200);
    expect((await api('/api/targets/oms-main/resume', { method: 'POST', headers: operator })).status).toBe(200);
    expect((await api('/api/review', { headers: await tokenFor('agent') })).status).toBe(200);
  });

  it('sends security headers', async () => {
    const response = await api('/healthz');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
  });
});

describe('log-in for people', () => {
  it('starts a session in an HttpOnly SameSite cookie, demands the CSRF token on unsafe requests, and ends it', async () => {
    await credentials.addUser('olga', 'operator', 'correct horse battery staple');
    const wrong = await api('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'olga', password: 'wrong password!!' }) });
    expect(wrong.status).toBe(401);
    const login = await api('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'olga', password: 'correct horse battery staple' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/hub_session=[^;]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict/);
    const { csrfToken, role } = (await login.json()) as { csrfToken: string; role: string };
    expect(role).toBe('operator');
    const session = { cookie: cookie.split(';')[0]! };

    expect((await api(`/api/orders/${orderId}`, { headers: session })).status).toBe(200);
    const noCsrf = await api('/api/dead-letters/x/replay', { method: 'POST', headers: session });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { code: string }).code).toBe('CSRF');
    expect((await api('/api/dead-letters/x/replay', { method: 'POST', headers: { ...session, 'x-csrf-token': csrfToken } })).status).toBe(404);
    expect(await (await api('/auth/me', { headers: session })).json()).toEqual({ kind: 'user', name: 'olga', role: 'operator' });

    expect((await api('/auth/logout', { method: 'POST', headers: { ...session, 'x-csrf-token': csrfToken } })).status).toBe(204);
    expect((await api(`/api/orders/${orderId}`, { headers: session })).status).toBe(401);
  });

  it('locks an account after ten failed log-ins', async () => {
    await credentials.addUser('mallory-target', 'agent', 'a long enough password');
    const attempt = (password: string) => api('/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'mallory-target', password }),
    });
    for (let i = 0; i < 10; i++) expect((await attempt(`guess number ${i}`)).status).toBe(401);
    expect((await attempt('a long enough password')).status).toBe(429);
  });
});
