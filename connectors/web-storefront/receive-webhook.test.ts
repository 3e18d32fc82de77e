/** Edge cases of storefront webhook verification, in both header styles. */
import { describe, expect, it } from 'vitest';
import { hmacSha256, type InboundRequest } from '../../src/sdk/index.js';
import type { StorefrontConfig } from './config.js';
import { receiveWebhook } from './receive-webhook.js';

const SECRET = 'unit-test-webhook-secret';
const NOW = Date.parse('2026-11-23T12:00:00Z');

function config(overrides: Partial<StorefrontConfig> = {}): StorefrontConfig {
  return { style: 'shopify', webhookSecret: SECRET, toleranceSeconds: 300, requireTimestamp: true, ...overrides };
}

function request(body: string, headers: Record<string, string>): InboundRequest {
  return { method: 'POST', path: '', query: {}, headers, body: Buffer.from(body), receivedAt: new Date(NOW) };
}

function shopify(body: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'x-shopify-hmac-sha256': hmacSha256(SECRET, body, 'base64'),
    'x-shopify-topic': 'orders/create',
    'x-shopify-event-id': 'evt-1',
    'x-shopify-triggered-at': new Date(NOW - 10_000).toISOString(),
    ...extra,
  };
}

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('shopify-style webhooks', () => {
  it('keys the order by the storefront order id, not the delivery', () => {
    const body = '{"id":12345,"email":"a@example.com"}';
    const first = receiveWebhook(config(), request(body, shopify(body)), NOW);
    const second = receiveWebhook(config(), request(body, shopify(body, { 'x-shopify-event-id': 'evt-2' })), NOW);
    expect(first).toMatchObject({ kind: 'order', envelope: { dedupKey: 'order:12345', externalId: '12345' } });
    expect(second.kind === 'order' && second.envelope.dedupKey).toBe('order:12345');
  });

  it('falls back to the event id, then to a hash of the body', () => {
    const body = '{"email":"a@example.com"}';
    const withEvent = receiveWebhook(config(), request(body, shopify(body)), NOW);
    expect(withEvent.kind === 'order' && withEvent.envelope.dedupKey).toBe('event:evt-1');
    const headers = shopify(body);
    delete headers['x-shopify-event-id'];
    const hashed = receiveWebhook(config(), request(body, headers), NOW);
    expect(hashed.kind === 'order' && hashed.envelope.dedupKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('accepts unix-second timestamps and refuses future ones beyond the tolerance', () => {
    const body = '{"id":1}';
    const ok = receiveWebhook(config(), request(body, shopify(body, { 'x-shopify-triggered-at': String(NOW / 1000 - 5) })), NOW);
    expect(ok.kind).toBe('order');
    const future = shopify(body, { 'x-shopify-triggered-at': new Date(NOW + 3600_000).toISOString() });
    expect(errorCode(() => receiveWebhook(config(), request(body, future), NOW))).toBe('STALE_TIMESTAMP');
    expect(errorCode(() => receiveWebhook(config(), request(body, shopify(body, { 'x-shopify-triggered-at': 'yesterday' })), NOW))).toBe('BAD_TIMESTAMP');
  });

  it('requires a timestamp unless told otherwise', () => {
    const body = '{"id":1}';
    const headers = shopify(body);
    delete headers['x-shopify-triggered-at'];
    expect(errorCode(() => receiveWebhook(config(), request(body, headers), NOW))).toBe('MISSING_TIMESTAMP');
    expect(receiveWebhook(config({ requireTimestamp: false }), request(body, headers), NOW).kind).toBe('order');
  });

  it('answers other topics with 200 and captures nothing', () => {
    const body = '{"id":1}';
    const result = receiveWebhook(config(), request(body, shopify(body, { 'x-shopify-topic': 'orders/updated' })), NOW);
    expect(result).toMatchObject({ kind: 'reply', status: 200 });
  });

  it('refuses a JSON body that is not an object, and GET requests', () => {
    const body = '[1,2]';
    expect(errorCode(() => receiveWebhook(config(), request(body, shopify(body)), NOW))).toBe('NOT_AN_ORDER');
    expect(errorCode(() => receiveWebhook(config(), { ...request(body, shopify(body)), method: 'GET' }, NOW))).toBe('METHOD');
  });

  it('refuses everything when the instance has no webhook secret', () => {
    const body = '{"id":1}';
    expect(errorCode(() => receiveWebhook(config({ webhookSecret: undefined }), request(body, shopify(body)), NOW))).toBe('NO_SECRET');
  });
});

describe('woocommerce-style webhooks', () => {
  const woo = (body: string, topic = 'order.created') => ({
    'x-wc-webhook-signature': hmacSha256(SECRET, body, 'base64'),
    'x-wc-webhook-topic': topic,
    'x-wc-webhook-delivery-id': 'd-77',
  });

  it('verifies X-WC-Webhook-Signature and needs no timestamp', () => {
    const body = '{"id":727,"number":"727"}';
    const result = receiveWebhook(config({ style: 'woocommerce' }), request(body, woo(body)), NOW);
    expect(result).toMatchObject({ kind: 'order', envelope: { dedupKey: 'order:727', meta: { eventId: 'd-77', topic: 'order.created' } } });
    expect(errorCode(() => receiveWebhook(config({ style: 'woocommerce' }), request(`${body} `, woo(body)), NOW))).toBe('BAD_SIGNATURE');
  });

  it('ignores the ping WooCommerce sends when a webhook is created', () => {
    const body = 'webhook_id=7';
    const result = receiveWebhook(config({ style: 'woocommerce' }), request(body, woo(body, 'action.woocommerce_webhook_ping')), NOW);
    expect(result).toMatchObject({ kind: 'reply', status: 200 });
  });
});

describe('order ids beyond exact JSON numbers', () => {
  it('takes the exact id from admin_graphql_api_id', () => {
    const body = '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508"}';
    const result = receiveWebhook(config(), request(body, shopify(body)), NOW);
    expect(result.kind === 'order' && result.envelope.externalId).toBe('820982911946154508');
  });

  it('does not trust a rounded numeric id', () => {
    const body = '{"id":820982911946154508}';
    const result = receiveWebhook(config(), request(body, shopify(body)), NOW);
    expect(result.kind === 'order' && result.envelope.dedupKey).toBe('event:evt-1');
    expect(result.kind === 'order' && result.envelope.externalId).toBeUndefined();
  });
});
