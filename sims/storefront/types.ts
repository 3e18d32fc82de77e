/**
 * Public types of the storefront simulator (Shopify- or WooCommerce-shaped,
 * see docs/protocols.md).
 */

export type StoreStyle = 'shopify' | 'woocommerce';

export interface StorefrontSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default `shopify`. */
  style?: StoreStyle;
  /** Signs outgoing order webhooks. */
  webhookSecret: string;
  /** Verifies incoming hub → storefront status callbacks. */
  callbackSecret: string;
  /** When set, the order API requires `X-Shopify-Access-Token: <apiToken>`. */
  apiToken?: string;
  /** Callbacks whose X-Hub-Timestamp is further than this from now are refused. Default 300. */
  callbackToleranceSeconds?: number;
}

/** Any order the simulated store holds: only a numeric `id` is required. */
export interface StoreOrder {
  readonly id: number;
}

/** The JSON body of a hub → storefront status callback. */
export interface HubCallbackBody {
  event?: string;
  hubOrderId: string;
  confirmation?: string;
  externalId?: string;
  state: string;
  statusVersion: number;
  occurredAt?: string;
  shipments?: Array<{ carrier?: string; trackingNumber?: string; trackingUrl?: string }>;
  [key: string]: unknown;
}

export interface ReceivedCallback {
  receivedAt: string;
  idempotencyKey: string;
  timestamp: number;
  body: HubCallbackBody;
  /** The Idempotency-Key was seen before. */
  duplicate: boolean;
  /** Not a duplicate, but its statusVersion was not newer than the applied one. */
  stale: boolean;
  /** It became the latest state of its order. */
  applied: boolean;
}

export interface StoreRequestLogEntry {
  method: string;
  path: string;
  status: number;
  at: string;
  /** Why a callback was refused, when it was. */
  reason?: string;
}

export interface WebhookSendOptions {
  /** `X-Shopify-Event-Id` / `X-WC-Webhook-Delivery-ID`; default a fresh UUID. */
  eventId?: string;
  /** `X-Shopify-Webhook-Id` (default a fresh UUID) / `X-WC-Webhook-ID` (default `7`). */
  webhookId?: string;
  triggeredAt?: Date;
  /** Signing secret; the simulator's own webhookSecret when sent through it. */
  secret?: string;
  /** Send this signature instead of the computed one. */
  signature?: string;
  omitSignature?: boolean;
  /** Default `orders/create` (Shopify) / `order.created` (WooCommerce). */
  topic?: string;
  /** Default `shopify`, or the simulator's style when sent through it. */
  style?: StoreStyle;
  timeoutMs?: number;
}

export interface WebhookResult {
  status: number;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
  headers: Record<string, string>;
  /** Exactly what was sent (and signed). */
  sent: { body: string; headers: Record<string, string> };
}

export type CallbackListener = (callback: ReceivedCallback) => void;

export interface StorefrontSim {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** `${url}/hub/callbacks`. */
  readonly callbackUrl: string;
  readonly style: StoreStyle;
  close(): Promise<void>;
  /** Adds orders to the pullable order list (`GET /admin/api/orders.json`). */
  addOrders(orders: readonly StoreOrder[]): void;
  /** Sends an order webhook in this store's style, signed with its webhookSecret. */
  sendOrderWebhook(targetUrl: string, order: StoreOrder, options?: WebhookSendOptions): Promise<WebhookResult>;
  callbacks(): ReceivedCallback[];
  latest(hubOrderId: string): HubCallbackBody | undefined;
  waitForCallback(predicate: (callback: ReceivedCallback) => boolean, timeoutMs?: number): Promise<ReceivedCallback>;
  onCallback(listener: CallbackListener): () => void;
  /** The next `count` callbacks are answered `status` (default 500) and not recorded. */
  failCallbacks(count: number, status?: number): void;
  requests(): StoreRequestLogEntry[];
}
