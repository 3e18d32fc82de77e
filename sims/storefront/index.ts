/**
 * The storefront simulator (Shopify- or WooCommerce-shaped, docs/protocols.md):
 * sends signed order webhooks, serves a pullable order list, and receives the
 * hub's signed status callbacks, keeping the latest state per order.
 */
import { listen } from '../shared/http-server.js';
import { CallbackReceiver } from './callback-receiver.js';
import { OrderList } from './order-list.js';
import { createStoreApp } from './routes.js';
import { sendOrderWebhook } from './webhook-sender.js';
import type { StoreRequestLogEntry, StorefrontSim, StorefrontSimOptions } from './types.js';

export * from './types.js';
export * from './orders.js';
export { signWebhook, signCallback, verifyCallback } from './signing.js';
export { sendOrderWebhook, webhookHeaders } from './webhook-sender.js';
export { formatCents, parseCents } from './money.js';

export async function startStorefrontSim(options: StorefrontSimOptions): Promise<StorefrontSim> {
  const style = options.style ?? 'shopify';
  const orders = new OrderList();
  const receiver = new CallbackReceiver();
  const log: StoreRequestLogEntry[] = [];
  const app = createStoreApp({
    orders, receiver, log,
    callbackSecret: options.callbackSecret,
    toleranceSeconds: options.callbackToleranceSeconds ?? 300,
    ...(options.apiToken === undefined ? {} : { apiToken: options.apiToken }),
  });
  const running = await listen(app, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' });

  return {
    url: running.url,
    callbackUrl: `${running.url}/hub/callbacks`,
    style,
    close: () => running.close(),
    addOrders: (list) => orders.add(list),
    sendOrderWebhook: (targetUrl, order, sendOptions = {}) =>
      sendOrderWebhook(targetUrl, order, { style, secret: options.webhookSecret, ...sendOptions }),
    callbacks: () => receiver.all(),
    latest: (hubOrderId) => receiver.latest(hubOrderId),
    waitForCallback: (predicate, timeoutMs = 5000) => receiver.waitFor(predicate, timeoutMs),
    onCallback: (listener) => receiver.onCallback(listener),
    failCallbacks: (count, status = 500) => receiver.failNext(count, status),
    requests: () => log.map((entry) => ({ ...entry })),
  };
}
