/** Which gateway answers are retried and which are dead-lettered, with what hint. */
import { describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../src/sdk/index.js';
import { failureFor, retryAfterMsOf } from './gateway-failure.js';

const answer = (status: number, code?: string, message = 'details', retryAfter: string | null = null) => ({
  status, retryAfter, body: code ? JSON.stringify({ error: { code, message } }) : '',
});

describe('gateway failures', () => {
  it('retries rate limits with the Retry-After wait, and outages', () => {
    const limited = failureFor(answer(429, 'rate_limited', 'slow down', '2'), 'authorization for order O1');
    expect(limited).toBeInstanceOf(TransientError);
    expect(limited).toMatchObject({ code: 'GATEWAY_RATE_LIMITED', retryAfterMs: 2000 });
    expect(limited.message).toBe('payment gateway authorization for order O1: HTTP 429 rate_limited: slow down');
    for (const status of [500, 502, 503, 408]) expect(failureFor(answer(status), 'x').kind).toBe('transient');
  });

  it('dead-letters a refused API key with a hint naming the setting', () => {
    const refused = failureFor(answer(401, 'unauthorized'), 'capture of 100 EUR on authorization auth_1');
    expect(refused).toBeInstanceOf(PermanentError);
    expect(refused).toMatchObject({ code: 'GATEWAY_UNAUTHORIZED' });
    expect(refused.message).toContain('auth_1');
    expect(refused.hint).toMatch(/apiKey/);
  });

  it('tells an idempotency conflict from a refused amount and from bad request data', () => {
    expect(failureFor(answer(422, 'idempotency_key_reused'), 'x').code).toBe('GATEWAY_IDEMPOTENCY_CONFLICT');
    expect(failureFor(answer(422, 'amount_not_available'), 'x').code).toBe('GATEWAY_REFUSED');
    expect(failureFor(answer(404, 'unknown_authorization'), 'x').code).toBe('GATEWAY_NOT_FOUND');
    const unknownToken = failureFor(answer(400, 'unknown_token'), 'x');
    expect(unknownToken).toMatchObject({ kind: 'permanent', code: 'GATEWAY_BAD_REQUEST' });
    expect(unknownToken.hint).toMatch(/hosted field/);
  });

  it('quotes a short piece of a body that is not the gateway error shape', () => {
    expect(failureFor({ status: 400, retryAfter: null, body: '<html>Bad</html>' }, 'x').message).toBe('payment gateway x: HTTP 400: <html>Bad</html>');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMsOf('3')).toBe(3000);
    expect(retryAfterMsOf(null)).toBeUndefined();
    expect(retryAfterMsOf('soon')).toBeUndefined();
    expect(retryAfterMsOf(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50_000);
  });
});
