/**
 * The typed error a non-2xx carrier answer deserves. 429, 408 and 5xx are transient
 * (retried; a booking with the same idempotency key, so nothing is bought twice;
 * Retry-After honoured). 401/403 mean the API key; every other 4xx is permanent, with
 * the carrier's code and detail and a hint a person can act on, naming the order's
 * reference where the call has one.
 */
import { PermanentError, TransientError, type HubError } from '../../src/sdk/index.js';

export interface CarrierAnswer {
  status: number;
  /** The `Retry-After` header, when sent. */
  retryAfter: string | null;
  body: string;
}

/** What the failed call was, for the message: "booking for order K7F-2QX", and the reference alone. */
export interface CarrierOperation {
  carrier: string;
  what: string;
  reference?: string;
}

export function failureFor(answer: CarrierAnswer, operation: CarrierOperation): HubError {
  const problem = carrierProblem(answer.body);
  const text = `${operation.carrier} ${operation.what}: HTTP ${answer.status}${problem.code ? ` ${problem.code}` : ''}${problem.detail ? `: ${problem.detail}` : ''}`;
  if (answer.status === 429 || answer.status === 408 || answer.status >= 500) {
    const retryAfterMs = retryAfterMsOf(answer.retryAfter);
    return new TransientError(text, {
      code: answer.status === 429 ? 'CARRIER_RATE_LIMITED' : 'CARRIER_UNAVAILABLE',
      hint: `${operation.carrier} is busy or down; the hub retries by itself (a booking with the same idempotency key, so no label is bought twice)`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new PermanentError(text, permanentDetails(answer.status, problem.code, operation));
}

function permanentDetails(status: number, code: string | undefined, operation: CarrierOperation): { code: string; hint: string } {
  const order = operation.reference ? `order ${operation.reference}` : 'the order';
  if (status === 401 || status === 403) {
    return { code: 'CARRIER_UNAUTHORIZED', hint: `${operation.carrier} refused the API key: check apiKey of this parcel-carrier instance (its environment variable), then replay` };
  }
  if (code === 'ADDRESS_INVALID') {
    return { code: 'CARRIER_ADDRESS_INVALID', hint: `correct the address the detail names (shipTo: the ship-to address of ${order}; shipFrom: the instance's shipFrom setting), then book again` };
  }
  if (code === 'IDEMPOTENCY_KEY_REUSED') {
    return { code: 'CARRIER_IDEMPOTENCY_CONFLICT', hint: `${operation.carrier} already booked a different shipment under this idempotency key: look up ${order} on the carrier's site and void what should not ship before booking again` };
  }
  if (code === 'ALREADY_IN_TRANSIT') {
    return { code: 'CARRIER_ALREADY_IN_TRANSIT', hint: `the carrier has picked up the parcels of ${order}: the labels can no longer be voided; ask the carrier to return them, or let them go` };
  }
  if (status === 404) {
    return { code: 'CARRIER_NOT_FOUND', hint: `${operation.carrier} does not know it: check that this instance's url points at the carrier account that booked it` };
  }
  if (status === 409 || status === 422) {
    return { code: 'CARRIER_REFUSED', hint: `${operation.carrier} refused it as the detail says (e.g. a parcel too heavy): change ${order}'s shipment accordingly, then book again` };
  }
  return { code: 'CARRIER_BAD_REQUEST', hint: `${operation.carrier} did not accept the request as the detail says: check the service (defaultService or the order's), the parcels' weights and the addresses, then replay` };
}

/** `{ code, detail }` of the carrier's problem JSON, or a short piece of a body that is not that. */
function carrierProblem(body: string): { code?: string; detail?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.trim() === '' ? {} : { detail: body.trim().slice(0, 200) };
  }
  if (typeof parsed !== 'object' || parsed === null) return { detail: body.trim().slice(0, 200) };
  const { code, detail, title } = parsed as { code?: unknown; detail?: unknown; title?: unknown };
  const words = typeof detail === 'string' ? detail : typeof title === 'string' ? title : undefined;
  return {
    ...(typeof code === 'string' ? { code: code.slice(0, 60) } : {}),
    ...(words !== undefined ? { detail: words.slice(0, 300) } : {}),
  };
}

/** Seconds or an HTTP date, as milliseconds to wait; undefined when absent or unreadable. */
export function retryAfterMsOf(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (header.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
