/** Idempotency keys: same request → stored answer, same key with another request → 422. */
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { IdempotencyLedger, canonicalJson, requestFingerprint } from './idempotency.js';

describe('idempotency ledger', () => {
  it('treats the same fields in another order as the same request', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(requestFingerprint('POST', '/v1/authorizations', { amount: 1, token: 't' }))
      .toBe(requestFingerprint('POST', '/v1/authorizations', { token: 't', amount: 1 }));
  });

  it('replays the stored answer for the same key and request, and refuses the key for another', () => {
    const ledger = new IdempotencyLedger();
    const first = requestFingerprint('POST', '/v1/authorizations', { amount: 1 });
    expect(ledger.replay('k1', first)).toBeUndefined();
    ledger.remember('k1', first, { status: 201, body: { id: 'auth_1' } });
    expect(ledger.replay('k1', first)).toEqual({ status: 201, body: { id: 'auth_1' } });
    const other = requestFingerprint('POST', '/v1/authorizations', { amount: 2 });
    const refusal = (() => {
      try {
        ledger.replay('k1', other);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });
});
