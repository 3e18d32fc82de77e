/** Idempotency keys: one answer per key, a repeat gets it as 200, another request with the key is 422, failures free the key. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, IdempotencyLedger, requestFingerprint } from './idempotency.js';
import { ProblemError } from './problem.js';

const FIRST = requestFingerprint('POST', '/v1/shipments', { reference: 'A', parcels: [{ weightGrams: 1 }] });
const OTHER = requestFingerprint('POST', '/v1/shipments', { reference: 'B', parcels: [{ weightGrams: 1 }] });

describe('idempotency ledger', () => {
  it('treats the same fields in another order as the same request', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(requestFingerprint('POST', '/v1/shipments', { a: 1, b: 2 })).toBe(requestFingerprint('POST', '/v1/shipments', { b: 2, a: 1 }));
  });

  it('makes the answer once and replays it as 200 for the same key and request', async () => {
    const ledger = new IdempotencyLedger();
    let made = 0;
    const produce = async () => ({ status: 201 as const, body: { shipmentId: `shp_${(made += 1)}` } });
    const first = await ledger.run('k1', FIRST, produce);
    const again = await ledger.run('k1', FIRST, produce);
    expect(first).toEqual({ answer: { status: 201, body: { shipmentId: 'shp_1' } }, replayed: false });
    expect(again).toEqual({ answer: { status: 200, body: { shipmentId: 'shp_1' } }, replayed: true });
    expect(made).toBe(1);
  });

  it('refuses the key for a different request with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const ledger = new IdempotencyLedger();
    await ledger.run('k1', FIRST, async () => ({ status: 201, body: {} }));
    const refusal = await ledger.run('k1', OTHER, async () => ({ status: 201, body: {} })).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ProblemError);
    expect(refusal).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('lets a repeat that arrives during the first wait for its answer', async () => {
    const ledger = new IdempotencyLedger();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let made = 0;
    const produce = async () => {
      made += 1;
      await gate;
      return { status: 201 as const, body: { n: made } };
    };
    const first = ledger.run('k1', FIRST, produce);
    const second = ledger.run('k1', FIRST, produce);
    release();
    expect((await first).answer).toEqual({ status: 201, body: { n: 1 } });
    expect((await second).answer).toEqual({ status: 200, body: { n: 1 } });
    expect(made).toBe(1);
  });

  it('keeps no failed answer: the key can be used again', async () => {
    const ledger = new IdempotencyLedger();
    await expect(ledger.run('k1', FIRST, async () => { throw new Error('label printer jammed'); })).rejects.toThrow('jammed');
    const retry = await ledger.run('k1', OTHER, async () => ({ status: 201, body: { ok: true } }));
    expect(retry).toEqual({ answer: { status: 201, body: { ok: true } }, replayed: false });
  });
});
