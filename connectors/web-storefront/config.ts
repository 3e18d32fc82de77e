/**
 * Settings of a web storefront instance, as JSON Schema (drives validation and docs)
 * and the matching TypeScript type.
 */
export const STYLES = {
  shopify: {
    signatureHeader: 'x-shopify-hmac-sha256',
    timestampHeader: 'x-shopify-triggered-at',
    topicHeader: 'x-shopify-topic',
    eventIdHeader: 'x-shopify-event-id',
    orderTopics: ['orders/create'],
  },
  woocommerce: {
    signatureHeader: 'x-wc-webhook-signature',
    timestampHeader: undefined,
    topicHeader: 'x-wc-webhook-topic',
    eventIdHeader: 'x-wc-webhook-delivery-id',
    orderTopics: ['order.created'],
  },
} as const;

export interface StorefrontConfig {
  style: keyof typeof STYLES;
  webhookSecret?: string;
  toleranceSeconds: number;
  requireTimestamp: boolean;
  pull?: { url: string; apiToken: string; intervalMs: number; pageSize: number };
  callback?: { url: string; secret: string; timeoutMs: number };
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    style: { enum: ['shopify', 'woocommerce'], default: 'shopify', description: 'Which storefront family: decides webhook header names.' },
    webhookSecret: { type: 'string', minLength: 16, 'x-secret': true, description: 'Shared secret of the order webhook (HMAC-SHA256).' },
    toleranceSeconds: { type: 'integer', minimum: 1, default: 300, description: 'Refuse webhooks whose timestamp is further than this from now.' },
    requireTimestamp: { type: 'boolean', default: true, description: 'Refuse webhooks without a timestamp header (Shopify style only).' },
    pull: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'apiToken'],
      description: 'Poll the storefront order API as well as (or instead of) webhooks.',
      properties: {
        url: { type: 'string', format: 'uri' },
        apiToken: { type: 'string', minLength: 1, 'x-secret': true },
        intervalMs: { type: 'integer', minimum: 100, default: 30000 },
        pageSize: { type: 'integer', minimum: 1, maximum: 250, default: 50 },
      },
    },
    callback: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'secret'],
      description: 'Where status changes are sent back, signed with the secret.',
      properties: {
        url: { type: 'string', format: 'uri' },
        secret: { type: 'string', minLength: 16, 'x-secret': true },
        timeoutMs: { type: 'integer', minimum: 100, default: 10000 },
      },
    },
  },
} as const;
