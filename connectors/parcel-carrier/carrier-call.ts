/**
 * One call to the carrier's API: the API key as a Bearer token, the idempotency key
 * where the call has one, a deadline, and the answer as a JSON object or the typed
 * error it deserves. Network failures and timeouts are transient, named after the
 * operation they interrupted.
 */
import { PermanentError, TransientError, httpRequest, type HttpResponse } from '../../src/sdk/index.js';
import { failureFor, type CarrierOperation } from './carrier-failure.js';
import type { ParcelCarrierConfig } from './config.js';

export interface CarrierCall {
  method: 'GET' | 'POST';
  /** Path and query under the base URL, e.g. `/v1/shipments`. */
  path: string;
  body?: Record<string, unknown>;
  idempotencyKey?: string;
  /** Names the operation (and the order's reference) in error messages. */
  what: string;
  reference?: string;
}

type CallSettings = Pick<ParcelCarrierConfig, 'url' | 'apiKey' | 'timeoutMs' | 'carrierName'>;

export async function callCarrier(config: CallSettings, call: CarrierCall): Promise<Record<string, unknown>> {
  const response = await sendToCarrier(config, call);
  if (response.status < 200 || response.status >= 300) {
    throw failureFor({ status: response.status, retryAfter: response.headers.get('retry-after'), body: response.body }, operationOf(config, call));
  }
  return jsonObject(response.body, config, call);
}

/** Sends the call; answers with any status. */
export async function sendToCarrier(config: CallSettings, call: CarrierCall): Promise<HttpResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${config.apiKey}`, accept: 'application/json' };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
  try {
    return await httpRequest(`${config.url.replace(/\/+$/, '')}${call.path}`, {
      method: call.method, headers, timeoutMs: config.timeoutMs,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
  } catch (error) {
    if (!(error instanceof TransientError)) throw error;
    throw new TransientError(`${config.carrierName} ${call.what}: ${error.message}`, {
      code: error.code, cause: error,
      hint: `${config.carrierName} did not answer; the hub retries by itself${call.idempotencyKey ? ' with the same idempotency key, so nothing is booked twice' : ''}`,
    });
  }
}

export function operationOf(config: Pick<ParcelCarrierConfig, 'carrierName'>, call: Pick<CarrierCall, 'what' | 'reference'>): CarrierOperation {
  return { carrier: config.carrierName, what: call.what, ...(call.reference ? { reference: call.reference } : {}) };
}

function jsonObject(body: string, config: CallSettings, call: CarrierCall): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not JSON: refused below
  }
  throw badAnswer(config, call.what, 'a 2xx answer that is not a JSON object');
}

/** An answer the connector cannot read: the url points elsewhere, or the API changed. */
export function badAnswer(config: Pick<ParcelCarrierConfig, 'carrierName'>, what: string, detail: string): PermanentError {
  return new PermanentError(`${config.carrierName} ${what}: ${detail}`, {
    code: 'CARRIER_BAD_ANSWER', hint: 'check that url points at the carrier API (without /v1) and that it speaks the version this connector knows, then replay',
  });
}
