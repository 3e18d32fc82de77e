/**
 * Idempotency keys, as card gateways keep them: the first successful answer to a key
 * is stored with a fingerprint of its request (method, path, body); the same key with
 * the same request gets the same answer again and changes nothing; the same key with
 * a different request is refused (422). Failed answers are not stored, so a retry
 * after an outage or a refusal is judged afresh.
 */
import { createHash } from 'node:crypto';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from './api-error.js';

export interface StoredAnswer {
  status: ContentfulStatusCode;
  body: unknown;
}

interface LedgerEntry {
  request: string;
  answer: StoredAnswer;
}

export class IdempotencyLedger {
  readonly #entries = new Map<string, LedgerEntry>();

  /** The answer stored for `key`, when the request is the same; throws 422 when it is not. */
  replay(key: string, request: string): StoredAnswer | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.request !== request) {
      throw new ApiError(422, 'idempotency_key_reused',
        `Idempotency-Key ${key} was already used for a different request: use a new key for a new operation, or send exactly the same request to get its answer again`);
    }
    return entry.answer;
  }

  remember(key: string, request: string, answer: StoredAnswer): void {
    this.#entries.set(key, { request, answer });
  }
}

/** A stable fingerprint of a request: the same fields in any order give the same value. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path} ${canonicalJson(body)}`).digest('hex');
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are one request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
