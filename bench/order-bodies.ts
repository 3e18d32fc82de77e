/**
 * The 'shopify-json' payload kind (see payloads.ts): Shopify-shaped orders from the
 * storefront simulator (3–8 lines, 2–4 KB of JSON), each with a unique order id,
 * signed and with the Shopify webhook headers of docs/protocols.md.
 */
import { randomUUID } from 'node:crypto';
import { makeShopifyOrder, signWebhook, SHOPIFY_ORDER_ID_BASE, type ShopifyOrder } from '../sims/storefront/index.js';
import type { OrderBodyFactory, OrderRequest } from './payloads.js';

export type { OrderRequest } from './payloads.js';

const TEMPLATE_COUNT = 64;

/** Builds order requests from a small pool of templates, renumbered per request (cheap enough for high rates). */
export class OrderFactory implements OrderBodyFactory {
  readonly kind = 'shopify-json' as const;
  private readonly templates: ShopifyOrder[] = [];

  constructor(private readonly secret: string) {
    for (let n = 1; this.templates.length < TEMPLATE_COUNT; n++) {
      const order = makeShopifyOrder(n);
      if (order.line_items.length >= 3 && order.line_items.length <= 8) this.templates.push(order);
    }
  }

  /** Order number n (unique per target) as a signed Shopify webhook. */
  make(n: number): OrderRequest {
    const template = this.templates[n % this.templates.length]!;
    const id = SHOPIFY_ORDER_ID_BASE + n;
    const order: ShopifyOrder = {
      ...template, id, admin_graphql_api_id: `gid://shopify/Order/${id}`, order_number: 1000 + n, name: `#${1000 + n}`,
    };
    const text = JSON.stringify(order);
    const body = Buffer.from(text, 'utf8');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(body.length),
      'user-agent': 'shopify-bench/1.0',
      'x-shopify-topic': 'orders/create',
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-event-id': randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
      'x-shopify-shop-domain': 'demo-store.myshopify.com',
      'x-shopify-api-version': '2025-01',
      'x-shopify-hmac-sha256': signWebhook(text, this.secret),
    };
    return { body, headers };
  }
}
