/**
 * Capture (take money at shipment) or release (give back what will not ship) part of
 * an authorization, once per idempotency key; returns the amount the gateway moved.
 */
import type { PaymentGateway, PaymentOperation } from '../../src/sdk/index.js';
import { readSettledAmount } from './authorization-answer.js';
import type { PaymentGatewayConfig } from './config.js';
import { callGateway } from './gateway-call.js';
import { checkAmount, checkCurrency, checkIdempotencyKey } from './payment-request.js';

export async function settle(config: PaymentGatewayConfig, kind: 'capture' | 'release', operation: PaymentOperation): ReturnType<PaymentGateway['capture']> {
  const what = `${kind} of ${operation.amount} ${operation.currency} on authorization ${operation.authorizationId}`;
  checkAmount(operation.amount, what);
  checkCurrency(operation.currency, what);
  checkIdempotencyKey(operation.idempotencyKey, what);
  const answer = await callGateway(config, {
    method: 'POST', path: `/v1/authorizations/${encodeURIComponent(operation.authorizationId)}/${kind}`,
    idempotencyKey: operation.idempotencyKey, what,
    body: { amount: operation.amount, currency: operation.currency },
  });
  return { amount: readSettledAmount(answer, operation.amount, what) };
}
