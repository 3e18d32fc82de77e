/** Which carrier answers are retried and which are dead-lettered, with what words and hint. */
import { describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../src/sdk/index.js';
import { failureFor, retryAfterMsOf } from './carrier-failure.js';

const problem = (status: number, code?: string, detail = 'details', retryAfter: string | null = null) => ({
  status, retryAfter, body: code ? JSON.stringify({ type: 'about:blank', title: 'x', status, code, detail }) : '',
});
const booking = { carrier: 'ParcelCo', what: 'booking for order K7F-2QX', reference: 'K7F-2QX' };

describe('carrier failures', () => {
  it('retries a rate limit with the Retry-After wait, and outages', () => {
    const limited = failureFor(problem(429, 'RATE_LIMITED', 'too many requests: retry after 2 s', '2'), booking);
    expect(limited).toBeInstanceOf(TransientError);
    expect(limited).toMatchObject({ code: 'CARRIER_RATE_LIMITED', retryAfterMs: 2000 });
    expect(limited.message).toBe('ParcelCo booking for order K7F-2QX: HTTP 429 RATE_LIMITED: too many requests: retry after 2 s');
    const down = failureFor(problem(503, 'SERVICE_UNAVAILABLE'), booking);
    expect(down).toMatchObject({ kind: 'transient', code: 'CARRIER_UNAVAILABLE' });
    expect(down.hint).toMatch(/idempotency key/);
    for (const status of [500, 502, 504, 408]) expect(failureFor(problem(status), booking).kind).toBe('transient');
  });

  it('dead-letters a refused API key with a hint naming the setting', () => {
    for (const status of [401, 403]) {
      const refused = failureFor(problem(status, 'UNAUTHORIZED'), booking);
      expect(refused).toBeInstanceOf(PermanentError);
      expect(refused).toMatchObject({ code: 'CARRIER_UNAUTHORIZED' });
      expect(refused.hint).toMatch(/apiKey/);
    }
  });

  it('says which address is wrong and names the order', () => {
    const error = failureFor(problem(422, 'ADDRESS_INVALID', 'shipTo.postalCode is required'), booking);
    expect(error).toMatchObject({ kind: 'permanent', code: 'CARRIER_ADDRESS_INVALID' });
    expect(error.message).toBe('ParcelCo booking for order K7F-2QX: HTTP 422 ADDRESS_INVALID: shipTo.postalCode is required');
    expect(error.hint).toMatch(/ship-to address of order K7F-2QX/);
    expect(error.hint).toMatch(/shipFrom setting/);
  });

  it('tells a reused idempotency key, a void too late, an unknown shipment and a bad request apart', () => {
    expect(failureFor(problem(422, 'IDEMPOTENCY_KEY_REUSED'), booking)).toMatchObject({ kind: 'permanent', code: 'CARRIER_IDEMPOTENCY_CONFLICT' });
    const late = failureFor(problem(409, 'ALREADY_IN_TRANSIT', 'parcel 1Z… was already picked up'), { carrier: 'ParcelCo', what: 'void of shipment shp_1' });
    expect(late).toMatchObject({ kind: 'permanent', code: 'CARRIER_ALREADY_IN_TRANSIT' });
    expect(late.message).toContain('shp_1');
    expect(late.hint).toMatch(/can no longer be voided/);
    expect(failureFor(problem(404, 'SHIPMENT_NOT_FOUND'), booking).code).toBe('CARRIER_NOT_FOUND');
    expect(failureFor(problem(422, 'PARCEL_TOO_HEAVY', 'parcels[0] weighs 70000 g'), booking)).toMatchObject({ kind: 'permanent', code: 'CARRIER_REFUSED' });
    const bad = failureFor(problem(400, 'INVALID_REQUEST', 'service must be one of GROUND, EXPRESS, OVERNIGHT'), booking);
    expect(bad).toMatchObject({ kind: 'permanent', code: 'CARRIER_BAD_REQUEST' });
    expect(bad.hint).toMatch(/service/);
  });

  it('quotes a short piece of a body that is not problem JSON', () => {
    expect(failureFor({ status: 400, retryAfter: null, body: '<html>Bad</html>' }, booking).message).toBe('ParcelCo booking for order K7F-2QX: HTTP 400: <html>Bad</html>');
    expect(failureFor({ status: 502, retryAfter: null, body: '' }, booking).message).toBe('ParcelCo booking for order K7F-2QX: HTTP 502');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMsOf('3')).toBe(3000);
    expect(retryAfterMsOf(null)).toBeUndefined();
    expect(retryAfterMsOf('')).toBeUndefined();
    expect(retryAfterMsOf('soon')).toBeUndefined();
    expect(retryAfterMsOf(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50_000);
  });
});
