/**
 * Web storefront connector (Shopify- and WooCommerce-style): order webhooks in with
 * HMAC verification, optional polling of the order API, and signed status callbacks out.
 */
import { defineConnector, httpRequest } from '../../src/sdk/index.js';
import { configSchema, type StorefrontConfig } from './config.js';
import { pollOrders } from './poll-orders.js';
import { receiveWebhook } from './receive-webhook.js';
import { sendCallback } from './send-callback.js';

export default defineConnector<StorefrontConfig>({
  id: 'web-storefront',
  title: 'Web storefront',
  description: 'Orders from a Shopify- or WooCommerce-style storefront by signed webhook or API polling; status back by signed callback.',
  version: '1.0.0',
  roles: ['push', 'pull', 'notify'],
  configSchema,
  exampleConfig: {
    style: 'shopify',
    webhookSecret: { env: 'SHOP_WEBHOOK_SECRET' },
    callback: { url: 'http://127.0.0.1:9102/hub/callbacks', secret: { env: 'SHOP_CALLBACK_SECRET' } },
  },
  create({ config }) {
    const { pull, callback } = config;
    return {
      receive: async (request) => receiveWebhook(config, request),
      ...(pull ? { poll: { intervalMs: pull.intervalMs, run: (cursor: string | undefined) => pollOrders(pull, cursor) } } : {}),
      ...(callback ? { notify: (notice) => sendCallback(callback, notice) } : {}),
      async check() {
        if (!pull) return { ok: true, detail: 'webhook only: nothing to reach' };
        const response = await httpRequest(`${pull.url.replace(/\/$/, '')}/admin/api/orders.json?limit=1`, {
          headers: { 'x-shopify-access-token': pull.apiToken },
        });
        return { ok: response.status === 200, detail: `order API answered HTTP ${response.status}` };
      },
    };
  },
});
