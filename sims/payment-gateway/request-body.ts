/**
 * Reading JSON request bodies of the gateway API: an object or a 400, and the typed
 * fields the API takes (amounts in minor units, currency codes, idempotency keys).
 */
import type { Context } from 'hono';
import { asObject, FieldError, optionalInteger, optionalString, type JsonObject } from '../shared/json-fields.js';
import { ApiError } from './api-error.js';

const MAX_BODY_CHARS = 16 * 1024;

export async function readJsonObject(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_CHARS) throw new ApiError(413, 'body_too_large', `the body is larger than ${MAX_BODY_CHARS} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body must be a JSON object (Content-Type: application/json)');
  }
  return asObject(parsed);
}

/** A positive whole number of minor units (cents), e.g. 1999 for 19.99. */
export function requiredAmount(body: JsonObject, key: string): number {
  const amount = optionalInteger(body, key);
  if (amount === undefined || amount <= 0 || !Number.isSafeInteger(amount)) {
    throw new FieldError(`${key} must be a positive whole number of minor units (1999 for 19.99)`);
  }
  return amount;
}

/** An ISO 4217 code in capitals, e.g. EUR. */
export function optionalCurrency(body: JsonObject, key: string): string | undefined {
  const currency = optionalString(body, key);
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) throw new FieldError(`${key} must be an ISO 4217 code in capitals, e.g. EUR`);
  return currency;
}

/** The Idempotency-Key header every POST of the server API must carry. */
export function requireIdempotencyKey(c: Context): string {
  const key = c.req.header('idempotency-key')?.trim();
  if (!key) throw new ApiError(400, 'missing_idempotency_key', 'send an Idempotency-Key header: the same key on every retry of one operation');
  if (key.length > 255) throw new ApiError(400, 'invalid_idempotency_key', 'the Idempotency-Key must be at most 255 characters');
  return key;
}
