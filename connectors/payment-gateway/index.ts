/**
 * Card payment gateway (the JSON API of docs/payments.md): authorizes an order's
 * amount on the token a hosted field gave the channel, captures at shipment and
 * releases what will not ship, each with the hub's idempotency key. The card number
 * never reaches the hub: only the token, and the last four digits for display.
 */
import { defineConnector } from '../../src/sdk/index.js';
import { authorize } from './authorize.js';
import { checkGateway } from './check.js';
import { configSchema, type PaymentGatewayConfig } from './config.js';
import { settle } from './settle.js';

export default defineConnector<PaymentGatewayConfig>({
  id: 'payment-gateway',
  title: 'Card payment gateway',
  description: 'Authorizes, captures and releases card payments by token, with idempotency keys; card numbers never reach the hub.',
  version: '1.0.0',
  roles: ['payment'],
  configSchema,
  exampleConfig: { url: 'http://127.0.0.1:9103', apiKey: { env: 'PAYMENT_GATEWAY_API_KEY' } },
  create({ config }) {
    return {
      payments: {
        authorize: (request) => authorize(config, request),
        capture: (operation) => settle(config, 'capture', operation),
        release: (operation) => settle(config, 'release', operation),
      },
      check: () => checkGateway(config),
    };
  },
});
