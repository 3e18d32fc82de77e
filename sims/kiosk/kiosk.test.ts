/**
 * One kiosk's sync against an in-memory fake transport (the simulator's own test; the real hub
 * is driven by the integration tests): what it sends given the answers, batching and shuffling,
 * deliberate duplicates, lost answers, retries with backoff, refusals, too-large splits, late
 * receipts and status pushes.
 */
import { describe, expect, it } from 'vitest';
import { Kiosk, type KioskOptions } from './kiosk.js';
import { MemoryHub } from './memory-hub.js';
import type { KioskTransport, UploadOutcome } from './transport.js';
import type { HubMessage, KioskIdentity, KioskOrder, UploadReply } from './types.js';

const identity = (deviceId = 'kiosk-1'): KioskIdentity => ({ deviceId, store: 'store-1', key: { keyId: `${deviceId}.k1`, secret: 's3cret' } });

/** A transport whose answers a test scripts; it keeps every upload's orders. */
class FakeTransport implements KioskTransport {
  readonly name = 'fake';
  readonly uploads: KioskOrder[][] = [];
  readonly #listeners = new Set<(message: HubMessage) => void>();
  #count = 0;

  constructor(private readonly answer: (orders: KioskOrder[], call: number) => UploadOutcome | Omit<UploadReply, 'device' | 'store'>) {}

  async upload(body: string): Promise<UploadOutcome> {
    const orders = (JSON.parse(body) as { orders: KioskOrder[] }).orders;
    this.uploads.push(orders);
    this.#count += 1;
    const answer = this.answer(orders, this.#count);
    return 'kind' in answer ? answer : { kind: 'reply', nonce: `n${this.#count}`, reply: answer };
  }

  onMessage(listener: (message: HubMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  push(message: HubMessage): void {
    for (const listener of this.#listeners) listener(message);
  }

  sent(): number[] {
    return this.uploads.flat().map((order) => order.seq);
  }

  async close(): Promise<void> {}
}

function kioskWith(transport: KioskTransport, options: Partial<KioskOptions> = {}): Kiosk {
  return new Kiosk({ identity: identity(), transport, rng: 'kiosk-test', retry: { baseMs: 1, maxMs: 5 }, ...options });
}

const captured = (orders: KioskOrder[]) => orders.map((order) => ({ seq: order.seq, outcome: 'captured', confirmation: `KC-${order.seq}` }));

describe('kiosk sync', () => {
  it('sends only what the hub does not hold, as results and highestContiguous say', async () => {
    // First answer: only the odd seqs are taken, and the hub holds 1..1.
    const transport = new FakeTransport((orders, call) => {
      const taken = call === 1 ? orders.filter((order) => order.seq % 2 === 1) : orders;
      return { results: captured(taken), highestContiguous: call === 1 ? 1 : 10 };
    });
    const kiosk = kioskWith(transport, { batchSize: 100 });
    kiosk.sell(10);
    const first = await kiosk.sync();
    expect(first).toMatchObject({ result: 'done', uploads: 1, ordersSent: 10, newlyHeld: 5, pending: 5 });
    expect(kiosk.pendingSeqs()).toEqual([2, 4, 6, 8, 10]);
    await kiosk.sync();
    expect(transport.uploads[1]?.map((order) => order.seq).sort((a, b) => a - b)).toEqual([2, 4, 6, 8, 10]);
    expect(kiosk.inSync()).toBe(true);
    expect(kiosk.highestContiguous).toBe(10);
    await kiosk.sync();
    expect(transport.uploads).toHaveLength(2);
  });

  it('holds a seq answered rejected and does not send it again', async () => {
    const transport = new FakeTransport((orders) => ({
      results: orders.map((order) => (order.seq === 2 ? { seq: 2, outcome: 'rejected', reason: 'unknown SKU' } : { seq: order.seq, outcome: 'captured' })),
      highestContiguous: 3,
    }));
    const kiosk = kioskWith(transport);
    kiosk.sell(3);
    await kiosk.sync();
    kiosk.sell(1);
    await kiosk.sync();
    expect(transport.uploads[1]?.map((order) => order.seq)).toEqual([4]);
    expect(kiosk.record(2)).toMatchObject({ outcome: 'rejected', reason: 'unknown SKU' });
  });

  it('names a result the hub gave by index only with the seq at that place in the upload', async () => {
    const transport = new FakeTransport((orders) => ({
      results: orders.map((order, index) => (order.seq === 2
        ? { index, outcome: 'rejected', reason: 'a different order under a number already held', filedId: 'f-1' }
        : { seq: order.seq, outcome: 'captured' })),
      highestContiguous: 3,
    }));
    const kiosk = kioskWith(transport);
    kiosk.sell(3);
    await kiosk.sync();
    expect(kiosk.record(2)).toMatchObject({ outcome: 'rejected', filedId: 'f-1' });
    expect(kiosk.ledger.anomalies).toEqual([]);
  });

  it('cuts uploads to batchSize, shuffled within and across batches (or in seq order)', async () => {
    const hold = (orders: KioskOrder[]) => ({ results: captured(orders), highestContiguous: 0 });
    const shuffled = new FakeTransport(hold);
    const a = kioskWith(shuffled, { batchSize: 7 });
    a.sell(30);
    await a.sync();
    expect(shuffled.uploads.map((batch) => batch.length)).toEqual([7, 7, 7, 7, 2]);
    expect(shuffled.sent().sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(shuffled.sent()).not.toEqual(Array.from({ length: 30 }, (_, i) => i + 1));

    const ordered = new FakeTransport(hold);
    const b = kioskWith(ordered, { batchSize: 7, shuffle: false });
    b.sell(30);
    await b.sync();
    expect(ordered.sent()).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('sends held orders again as deliberate duplicates at duplicateRate', async () => {
    const hub = new MemoryHub();
    const inner = hub.transport(identity());
    const sent: number[][] = [];
    const transport: KioskTransport = { ...inner, upload: (body) => (sent.push((JSON.parse(body) as { orders: KioskOrder[] }).orders.map((o) => o.seq)), inner.upload(body)) };
    const kiosk = kioskWith(transport, { duplicateRate: 1 });
    kiosk.sell(5);
    await kiosk.sync();
    kiosk.sell(5);
    await kiosk.sync();
    expect(sent[1]?.filter((seq) => seq <= 5).length).toBeGreaterThan(0);
    expect(kiosk.stats.duplicatesSent).toBe(sent[1]?.filter((seq) => seq <= 5).length);
    const resent = sent[1]?.find((seq) => seq <= 5) as number;
    expect(kiosk.record(resent)?.outcomes).toEqual(['captured', 'duplicate']);
    expect(kiosk.inSync()).toBe(true);
    expect(kiosk.ledger.anomalies).toEqual([]);
  });

  it('resends what a lost answer covered, and learns the confirmation from the duplicate answer', async () => {
    const hub = new MemoryHub();
    const kiosk = kioskWith(hub.transport(identity()), { lostResponseRate: 0.5, batchSize: 3 });
    kiosk.sell(20);
    expect(await kiosk.drain({ timeoutMs: 5_000 })).toBe(true);
    expect(kiosk.stats.lostResponses).toBeGreaterThan(0);
    expect(hub.highestContiguous('kiosk-1')).toBe(20);
    const held = hub.held('kiosk-1');
    for (let seq = 1; seq <= 20; seq += 1) {
      expect(kiosk.record(seq)?.confirmation).toBe(held.get(seq)?.confirmation);
    }
    expect(kiosk.ledger.unanswered()).toEqual([]);
    expect(kiosk.ledger.anomalies).toEqual([]);
  });

  it('retries a passing failure with backoff, then gives up leaving the orders pending', async () => {
    let failures = 2;
    const flaky = new FakeTransport((orders) => (failures-- > 0 ? { kind: 'retry', nonce: 'x', reason: 'HTTP 503' } : { results: captured(orders), highestContiguous: 3 }));
    const kiosk = kioskWith(flaky);
    kiosk.sell(3);
    expect(await kiosk.sync()).toMatchObject({ result: 'done', uploads: 3 });
    expect(kiosk.stats.retries).toBe(2);
    expect(kiosk.inSync()).toBe(true);

    const down = new FakeTransport(() => ({ kind: 'retry', nonce: 'x', reason: 'network: ECONNREFUSED' }));
    const stuck = kioskWith(down, { retry: { attempts: 4, baseMs: 1, maxMs: 2 } });
    stuck.sell(2);
    expect(await stuck.sync()).toMatchObject({ result: 'gave-up', uploads: 4, pending: 2, lastError: 'network: ECONNREFUSED' });
  });

  it('stops at a refusal and reports it', async () => {
    const refusing = new FakeTransport(() => ({ kind: 'refused', nonce: 'x', status: 401, code: 'KEY_REVOKED', detail: 'key revoked' }));
    const kiosk = kioskWith(refusing, { batchSize: 2 });
    kiosk.sell(6);
    const report = await kiosk.sync();
    expect(report).toMatchObject({ result: 'refused', uploads: 1, pending: 6, refusal: { status: 401, code: 'KEY_REVOKED' } });
    expect(kiosk.blocked?.code).toBe('KEY_REVOKED');
    expect(await kiosk.drain({ timeoutMs: 1_000 })).toBe(false);
  });

  it('splits a batch the hub finds too large', async () => {
    const transport = new FakeTransport((orders) => (orders.length > 3 ? { kind: 'too-large', nonce: 'x', status: 413 } : { results: captured(orders), highestContiguous: 0 }));
    const kiosk = kioskWith(transport, { batchSize: 10 });
    kiosk.sell(10);
    expect(await kiosk.sync()).toMatchObject({ result: 'done', pending: 0 });
    expect(kiosk.batchSize).toBeLessThanOrEqual(5);
    expect(transport.uploads.filter((batch) => batch.length <= 3).flat().map((order) => order.seq).sort((a, b) => a - b))
      .toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('takes late receipts and collects status pushes per confirmation', async () => {
    const transport = new FakeTransport(() => ({ kind: 'retry', nonce: 'n-late', reason: 'no receipt within 10 ms' }));
    const kiosk = kioskWith(transport, { retry: { attempts: 1 } });
    kiosk.sell(2);
    expect((await kiosk.sync()).result).toBe('gave-up');
    transport.push({ type: 'receipt', nonce: 'n-late', results: captured(kiosk.ledger.pending()), highestContiguous: 2 });
    expect(kiosk.inSync()).toBe(true);
    expect(kiosk.stats.lateReceipts).toBe(1);
    transport.push({ type: 'status', seq: 1, confirmation: 'KC-1', state: 'submitted', version: 2, occurredAt: '2026-12-06T10:00:01Z' });
    transport.push({ type: 'status', seq: 1, confirmation: 'KC-1', state: 'shipped', version: 3, occurredAt: '2026-12-06T11:00:00Z' });
    // A QoS 1 redelivery of the same change.
    transport.push({ type: 'status', seq: 1, confirmation: 'KC-1', state: 'shipped', version: 3, occurredAt: '2026-12-06T11:00:00Z' });
    expect(kiosk.statuses('KC-1').map((status) => status.state)).toEqual(['submitted', 'shipped']);
    expect(kiosk.stats).toMatchObject({ statuses: 2, statusRedeliveries: 1 });
    expect([...kiosk.allStatuses().keys()]).toEqual(['KC-1']);
  });

  it('drains a kiosk whose hub holds everything but never names some seqs, after a few rounds', async () => {
    // Seq 2 is held (highestContiguous 3) but no answer ever names it: its confirmation stays unknown.
    const transport = new FakeTransport((orders) => ({ results: captured(orders.filter((order) => order.seq !== 2)), highestContiguous: 3 }));
    const kiosk = kioskWith(transport);
    kiosk.sell(3);
    expect(await kiosk.drain({ timeoutMs: 5_000, pauseMs: 1 })).toBe(true);
    expect(kiosk.ledger.unanswered().map((order) => order.seq)).toEqual([2]);
    expect(transport.uploads.length).toBeLessThanOrEqual(5);
  });

  it('syncs nothing while offline, and keeps selling', async () => {
    const transport = new FakeTransport((orders) => ({ results: captured(orders), highestContiguous: orders.length }));
    const kiosk = kioskWith(transport, { online: false });
    kiosk.sell(2);
    expect(await kiosk.sync()).toMatchObject({ result: 'offline', uploads: 0, pending: 2 });
    await kiosk.setOnline(true);
    expect(await kiosk.sync()).toMatchObject({ result: 'done', pending: 0 });
  });

  it('makes orders of the given catalog with increasing seqs', () => {
    const kiosk = kioskWith(new FakeTransport(() => ({ results: [], highestContiguous: 0 })), {
      catalog: [{ sku: 'SKU-0001', description: 'Known item', unitPrice: 1234 }],
    });
    const orders = kiosk.sell(20);
    expect(orders.map((order) => order.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const order of orders) {
      expect(order.lines).toEqual([{ sku: 'SKU-0001', description: 'Known item', quantity: expect.any(Number), unitPrice: 1234 }]);
      expect(order.customer.phone).toMatch(/^\+1\d{10}$/);
      expect(order.shipTo !== undefined).toBe(order.fulfilment === 'ship');
    }
    expect(new Set(orders.map((order) => order.fulfilment))).toEqual(new Set(['pickup', 'ship']));
  });
});
