/**
 * One call to the gateway's server API: the secret key as a Bearer token, the
 * idempotency key on every POST, a deadline, and the answer as a JSON object or the
 * typed error it deserves. Network failures and timeouts are transient, named after
 * the operation they interrupted.
 */
import { PermanentError, TransientError, httpRequest, type HttpResponse } from '../../src/sdk/index.js';
import type { PaymentGatewayConfig } from './config.js';
import { failureFor } from './gateway-failure.js';

export interface GatewayCall {
  method: 'GET' | 'POST';
  /** Path under the base URL, e.g. `/v1/authorizations`. */
  path: string;
  body?: Record<string, unknown>;
  idempotencyKey?: string;
  /** Names the operation and the order or authorization in error messages. */
  what: string;
}

export async function callGateway(config: PaymentGatewayConfig, call: GatewayCall): Promise<Record<string, unknown>> {
  const response = await sendToGateway(config, call);
  if (response.status < 200 || response.status >= 300) {
    throw failureFor({ status: response.status, retryAfter: response.headers.get('retry-after'), body: response.body }, call.what);
  }
  return jsonObject(response.body, call.what);
}

/** Sends the call; answers with any status. */
export async function sendToGateway(config: PaymentGatewayConfig, call: GatewayCall): Promise<HttpResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${config.apiKey}`, accept: 'application/json' };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
  try {
    return await httpRequest(`${config.url.replace(/\/$/, '')}${call.path}`, {
      method: call.method, headers, timeoutMs: config.timeoutMs,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
  } catch (error) {
    if (!(error instanceof TransientError)) throw error;
    throw new TransientError(`payment gateway ${call.what}: ${error.message}`, {
      code: error.code, cause: error,
      hint: 'the gateway did not answer; the hub retries by itself with the same idempotency key, so nothing is charged twice',
    });
  }
}

function jsonObject(body: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not JSON: refused below
  }
  throw new PermanentError(`payment gateway ${what}: a 2xx answer that is not a JSON object`, {
    code: 'GATEWAY_BAD_ANSWER', hint: 'check that url points at the payment gateway API, then replay',
  });
}
