/**
 * Sends an order webhook to the hub with the headers of the chosen style
 * (Shopify or WooCommerce), signing exactly the bytes it sends.
 */
import { randomUUID } from 'node:crypto';
import { signWebhook } from './signing.js';
import type { StoreOrder, StoreStyle, WebhookResult, WebhookSendOptions } from './types.js';

export async function sendOrderWebhook(targetUrl: string, order: StoreOrder, options: WebhookSendOptions = {}): Promise<WebhookResult> {
  const body = JSON.stringify(order);
  const headers = webhookHeaders(options.style ?? 'shopify', body, options);
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers,
    body: Buffer.from(body, 'utf8'),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  return {
    status: response.status,
    body: await readAnswer(response),
    headers: Object.fromEntries(response.headers.entries()),
    sent: { body, headers },
  };
}

/** The full header set of one delivery, signature included unless omitted. */
export function webhookHeaders(style: StoreStyle, body: string, options: WebhookSendOptions): Record<string, string> {
  const signature = options.signature ?? (options.secret === undefined ? undefined : signWebhook(body, options.secret));
  if (signature === undefined && !options.omitSignature) throw new Error('sendOrderWebhook needs a secret, a signature or omitSignature');
  const eventId = options.eventId ?? randomUUID();
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': `${style}-sim/1.0` };
  if (style === 'shopify') {
    Object.assign(headers, {
      'x-shopify-topic': options.topic ?? 'orders/create',
      'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
      'x-shopify-event-id': eventId,
      'x-shopify-triggered-at': (options.triggeredAt ?? new Date()).toISOString(),
      'x-shopify-shop-domain': 'demo-store.myshopify.com',
      'x-shopify-api-version': '2025-01',
    });
    if (!options.omitSignature && signature !== undefined) headers['x-shopify-hmac-sha256'] = signature;
  } else {
    const topic = options.topic ?? 'order.created';
    Object.assign(headers, {
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': topic.split('.')[0] ?? 'order',
      'x-wc-webhook-event': topic.split('.')[1] ?? 'created',
      'x-wc-webhook-delivery-id': eventId,
      'x-wc-webhook-id': options.webhookId ?? '7',
      'x-wc-webhook-source': 'https://demo-store.example.com/',
    });
    if (!options.omitSignature && signature !== undefined) headers['x-wc-webhook-signature'] = signature;
  }
  return headers;
}

async function readAnswer(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!(response.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
