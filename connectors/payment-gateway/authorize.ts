/**
 * Authorizes an order's amount on its payment token, once per idempotency key (the
 * hub order id goes along as the gateway's reference). A partial approval comes back
 * as `approved` with the smaller amount.
 */
import type { AuthorizationRequest, AuthorizationResult } from '../../src/sdk/index.js';
import { readAuthorization } from './authorization-answer.js';
import type { PaymentGatewayConfig } from './config.js';
import { callGateway } from './gateway-call.js';
import { checkAmount, checkCurrency, checkIdempotencyKey, checkToken } from './payment-request.js';

export async function authorize(config: PaymentGatewayConfig, request: AuthorizationRequest): Promise<AuthorizationResult> {
  const what = `authorization of ${request.amount} ${request.currency} for order ${request.hubOrderId}`;
  checkAmount(request.amount, what);
  checkCurrency(request.currency, what);
  checkIdempotencyKey(request.idempotencyKey, what);
  checkToken(request.token, what);
  const answer = await callGateway(config, {
    method: 'POST', path: '/v1/authorizations', idempotencyKey: request.idempotencyKey, what,
    body: { token: request.token, amount: request.amount, currency: request.currency, reference: request.hubOrderId },
  });
  return readAuthorization(answer, request.amount, what);
}
