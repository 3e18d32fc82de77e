/**
 * Settings of a card payment gateway instance (the JSON API of docs/payments.md), as
 * JSON Schema (drives validation and docs) and the matching TypeScript type.
 */
export interface PaymentGatewayConfig {
  url: string;
  apiKey: string;
  timeoutMs: number;
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'apiKey'],
  properties: {
    url: { type: 'string', format: 'uri', description: 'Base URL of the gateway; the API lives under <url>/v1.' },
    apiKey: {
      type: 'string', minLength: 8, 'x-secret': true,
      description: 'Secret API key (sk_…), sent as Authorization: Bearer. Not the publishable pk_ key of the hosted field.',
    },
    timeoutMs: { type: 'integer', minimum: 100, default: 10000, description: 'Give up on an answer after this long (then retry with the same idempotency key).' },
  },
} as const;
