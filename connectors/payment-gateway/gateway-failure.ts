/**
 * The typed error a non-2xx gateway answer deserves: 429, 408 and 5xx are transient
 * (retried with the same idempotency key, so nothing is charged twice; Retry-After
 * honoured); every other 4xx is permanent, with a hint that says what to fix.
 */
import { PermanentError, TransientError, type HubError } from '../../src/sdk/index.js';

export interface GatewayAnswer {
  status: number;
  /** The `Retry-After` header, when sent. */
  retryAfter: string | null;
  body: string;
}

/** `what` names the operation and the order or authorization, e.g. "authorization for order 01H…". */
export function failureFor(answer: GatewayAnswer, what: string): HubError {
  const { code, message } = gatewayError(answer.body);
  const text = `payment gateway ${what}: HTTP ${answer.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
  if (answer.status === 429 || answer.status === 408 || answer.status >= 500) {
    const retryAfterMs = retryAfterMsOf(answer.retryAfter);
    return new TransientError(text, {
      code: answer.status === 429 ? 'GATEWAY_RATE_LIMITED' : 'GATEWAY_UNAVAILABLE',
      hint: 'the gateway is busy or down; the hub retries by itself with the same idempotency key, so nothing is charged twice',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new PermanentError(text, permanentDetails(answer.status, code));
}

function permanentDetails(status: number, code: string | undefined): { code: string; hint: string } {
  if (status === 401 || status === 403) {
    return { code: 'GATEWAY_UNAUTHORIZED', hint: 'check the apiKey of this payment-gateway instance (the secret sk_ key, not the publishable pk_ key), then replay the dead letter' };
  }
  if (status === 404) {
    return { code: 'GATEWAY_NOT_FOUND', hint: 'check the authorization id recorded on the order and that this instance points at the gateway that made it' };
  }
  if (code === 'idempotency_key_reused') {
    return { code: 'GATEWAY_IDEMPOTENCY_CONFLICT', hint: 'the gateway already did a different operation under this idempotency key: look at the order\'s payment on the gateway before doing anything by hand' };
  }
  if (status === 409 || status === 422) {
    return { code: 'GATEWAY_REFUSED', hint: 'compare the order\'s payment with the gateway (authorized, captured, released), fix the amount, then replay' };
  }
  return { code: 'GATEWAY_BAD_REQUEST', hint: 'fix the request (token, amount, currency): for an unknown token, have the customer enter the card again in the hosted field; then replay' };
}

/** `{ error: { code, message } }` from the body, or a short piece of a body that is not that. */
function gatewayError(body: string): { code?: string; message?: string } {
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    return {
      ...(typeof error?.code === 'string' ? { code: error.code } : {}),
      ...(typeof error?.message === 'string' ? { message: error.message.slice(0, 300) } : {}),
    };
  } catch {
    return body.trim() === '' ? {} : { message: body.slice(0, 200) };
  }
}

/** Seconds or an HTTP date, as milliseconds to wait; undefined when absent or unreadable. */
export function retryAfterMsOf(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
