/**
 * Bad input at the door: wrong, missing or stale signatures, malformed JSON,
 * oversized bodies and XML bombs are refused with a clear problem answer and leave
 * nothing in the store; a well-formed but invalid order is kept and sent to review
 * with its reasons and its original bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder, signWebhook } from '../../sims/storefront/index.js';
import { signOmsBody } from '../../sims/oms-xml/index.js';
import { OMS_CALLBACK_SECRET, WEBHOOK_SECRET, eventually, authHeaders } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.stop();
});

/** Every key the hub itself owns (queues excluded). */
async function hubKeys(): Promise<string[]> {
  const client = world.redis.client();
  const keys = await client.keys(`${world.hub.prefix}:*`);
  return keys.filter((k) => !k.startsWith(`${world.hub.prefix}:q:`) && !k.endsWith(':workers')).sort();
}

function post(body: string, headers: Record<string, string>, path = '/in/web-shop'): Promise<Response> {
  return fetch(`${world.hub.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

function shopifyHeaders(body: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    'x-shopify-hmac-sha256': signWebhook(body, WEBHOOK_SECRET),
    'x-shopify-topic': 'orders/create',
    'x-shopify-event-id': `evt-${Math.random()}`,
    'x-shopify-triggered-at': new Date().toISOString(),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

async function expectProblem(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const body = (await response.json()) as { status: number; code: string; detail: string };
  expect(body.status).toBe(status);
  expect(body.code).toBe(code);
  expect(body.detail.length).toBeGreaterThan(5);
}

describe('refused at the door, nothing written', () => {
  it('refuses wrong, missing and stale signatures, malformed JSON, oversized bodies and XML bombs', async () => {
    const before = await hubKeys();
    const body = JSON.stringify(makeShopifyOrder(20));
    await expectProblem(await post(body, shopifyHeaders(body, { 'x-shopify-hmac-sha256': signWebhook(body, 'another-secret-entirely') })), 401, 'BAD_SIGNATURE');
    await expectProblem(await post(body, shopifyHeaders(body, { 'x-shopify-hmac-sha256': undefined })), 401, 'MISSING_SIGNATURE');
    await expectProblem(await post(body, shopifyHeaders(body, { 'x-shopify-triggered-at': new Date(Date.now() - 3600_000).toISOString() })), 401, 'STALE_TIMESTAMP');
    await expectProblem(await post(`${body.slice(0, 50)}`, shopifyHeaders(body.slice(0, 50))), 400, 'JSON_MALFORMED');
    const tampered = body.replace('"quantity":', '"quantity": ');
    await expectProblem(await post(tampered, shopifyHeaders(body)), 401, 'BAD_SIGNATURE');
    const huge = JSON.stringify({ id: 1, padding: 'x'.repeat(2 * 1024 * 1024) });
    await expectProblem(await post(huge, shopifyHeaders(huge)), 413, 'BODY_TOO_LARGE');

    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><StatusUpdate><EventId>&lol2;</EventId></StatusUpdate>';
    await expectProblem(await post(bomb, { 'content-type': 'application/xml', 'x-oms-signature': signOmsBody(bomb, OMS_CALLBACK_SECRET) }, '/in/oms-main/status'), 400, 'XML_DOCTYPE');
    await expectProblem(await post('<StatusUpdate/>', { 'content-type': 'application/xml', 'x-oms-signature': 'sha256=00' }, '/in/oms-main/status'), 401, 'BAD_SIGNATURE');

    expect(await hubKeys()).toEqual(before);
  });

  it('answers 404 problem+json for an unknown instance', async () => {
    const response = await post('{}', {}, '/in/no-such-instance');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('kept and sent to review', () => {
  it('keeps a schema-invalid order with its reasons and its original bytes', async () => {
    const order = makeShopifyOrder(21);
    const broken = { ...order, line_items: order.line_items.map((l, i) => (i === 0 ? { ...l, quantity: 0 } : l)), email: 'not-an-email' };
    const sent = await world.store.sendOrderWebhook(world.webhookUrl, broken);
    expect(sent.status).toBe(202);
    const id = (sent.body as { hubOrderId: string }).hubOrderId;
    const view = await eventually(async () => {
      const { body } = await getJson<{ state: string; status: { review?: { reasons: string[] } }; raw: { bytes: number } }>(`${world.hub.url}/api/orders/${id}`);
      return body.state === 'needs_review' ? body : undefined;
    }, 15_000, 'order to need review');
    const reasons = view.status.review!.reasons.join('\n');
    expect(reasons).toContain('/lines/0/quantity');
    expect(reasons).toContain('/customer/email');
    const raw = await fetch(`${world.hub.url}/api/orders/${id}/raw`, { headers: authHeaders() });
    expect(await raw.text()).toBe(sent.sent.body);
    expect(world.oms.orders().some((o) => o.hubOrderId === id)).toBe(false);
  });
});
