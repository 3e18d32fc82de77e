import { describe, expect, it } from 'vitest';
import { isHubError } from '../../src/sdk/index.js';
import { readUpload, stableJson } from './read-upload.js';
import { orderData } from './order-data.js';
import { deviceOf } from './mqtt-status.js';
import { storeOfUploadTopic, statusTopic } from './topics.js';

const upload = (orders: unknown) => Buffer.from(JSON.stringify({ orders }));

describe('reading a kiosk upload', () => {
  it('splits it into numbered orders and sets aside what has no usable number', () => {
    const read = readUpload(upload([{ seq: 2, lines: [] }, { seq: 0 }, 'x', { seq: 1.5 }, { seq: 3 }]), 10);
    expect(read.orders.map((o) => o.seq)).toEqual([2, 3]);
    expect(read.unreadable.map((u) => u.index)).toEqual([1, 2, 3]);
    expect(read.unreadable[1]!.reason).toMatch(/must be an object/);
  });

  it('gives the same bytes and fingerprint whatever the key order', () => {
    const [a] = readUpload(upload([{ seq: 1, b: { y: 1, x: [2, { q: 1, p: 2 }] }, a: 'x' }]), 1).orders;
    const [b] = readUpload(upload([{ a: 'x', b: { x: [2, { p: 2, q: 1 }], y: 1 }, seq: 1 }]), 1).orders;
    expect(a!.bytes.equals(b!.bytes)).toBe(true);
    expect(a!.fingerprint).toBe(b!.fingerprint);
    expect(stableJson({ b: 1, a: [null, 'é'] })).toBe('{"a":[null,"é"],"b":1}');
  });

  it('refuses an upload that is not JSON, has no list, or is too large', () => {
    for (const [body, code] of [[Buffer.from('{"orders":'), 'JSON_MALFORMED'], [Buffer.from('{"order":[]}'), 'NO_ORDERS'], [upload([{ seq: 1 }, { seq: 2 }]), 'BATCH_TOO_LARGE']] as const) {
      let caught: unknown;
      try { readUpload(body, 1); } catch (error) { caught = error; }
      expect(isHubError(caught) && caught.code).toBe(code);
    }
  });
});

describe('what the mapping reads', () => {
  it('takes who sold the order from the signed upload, not from the order, and sums totals when none came', () => {
    const data = orderData({ seq: 4, kiosk: { store: 'FAKE' }, lines: [{ quantity: 2, unitPrice: 150 }, { quantity: 1, unitPrice: 99 }], shipping: 500 }, { device: 'k1', store: 'S01', seq: 4 });
    expect(data.kiosk).toEqual({ device: 'k1', store: 'S01', seq: 4 });
    expect(data.totals).toEqual({ subtotal: 399, shipping: 500, tax: 0, discount: 0, grandTotal: 899 });
    expect(orderData({ totals: { grandTotal: 1 } }, { device: 'k1', store: 'S01', seq: 1 }).totals).toEqual({ grandTotal: 1 });
  });
});

describe('topics and origins', () => {
  it('reads the store of an upload topic and the device of an external id', () => {
    expect(storeOfUploadTopic('kiosks', 'kiosks/S01/orders')).toBe('S01');
    expect(storeOfUploadTopic('kiosks', 'kiosks/S01/x/orders')).toBeUndefined();
    expect(storeOfUploadTopic('kiosks', 'other/S01/orders')).toBeUndefined();
    expect(statusTopic('a/b', 'S01', 'k1')).toBe('a/b/S01/k1/status');
    expect(deviceOf('kiosk-s01-2/41')).toEqual({ device: 'kiosk-s01-2', seq: 41 });
    expect(deviceOf('shop-1234')).toBeUndefined();
  });
});
