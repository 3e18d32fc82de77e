/**
 * The documents a status change sends an X12 partner, for the canonical order of mapping
 * sample x12-850-harborline (three lines, freight and a discount): the 855 for each kind
 * of confirmation (AD, AC with IB / IQ / IR lines, RJ), an 856 and an 810 per shipment
 * (the order's charges on the first invoice only), only what the partner takes; and, sent
 * over HTTP, the same notice twice is the same bytes and each document is awaited.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAcknowledgements, memoryControlNumbers } from '../../src/sdk/testkit/stand-ins.js';
import type { CanonicalOrder, LineQuantities, Notice, OrderState, Shipment } from '../../src/sdk/index.js';
import { readInterchange } from './edi/index.js';
import { planOrderDocuments } from './order-documents.js';
import { sendDocuments } from './send-documents.js';
import { sampleConfig, samplePartner } from './test-partners.js';

const ORDER: CanonicalOrder = {
  ...JSON.parse(readFileSync(resolve(import.meta.dirname, '../../mappings/samples/x12-850-harborline.canonical.json'), 'utf8')),
  schemaVersion: 1, hubOrderId: '01KB2X12000000000000000001', confirmation: 'H7QF-2XW9M', channel: 'edi', source: 'edi',
  provenance: { rawRef: 'raw', mappingId: 'x12-850-to-canonical', mappingVersion: '1.0.0' },
};
const quantities = (ordered: number, more: Partial<LineQuantities> = {}): LineQuantities => ({ ordered, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0, ...more });
const LINES = { 1: quantities(24), 2: quantities(6), 3: quantities(10) };
const FIRST: Shipment = { shipmentId: 'SHP-1', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedAt: '2024-03-20T15:30:00.000Z', lines: [{ lineId: '1', quantity: 24 }, { lineId: '3', quantity: 4 }] };
const SECOND: Shipment = { shipmentId: 'SHP-2', carrier: 'UPS', trackingNumber: '1Z999AA10123456795', shippedAt: '2024-03-22T10:00:00.000Z', lines: [{ lineId: '2', quantity: 6 }, { lineId: '3', quantity: 6 }] };

function notice(state: OrderState, previous: OrderState | undefined, parts: { lines?: Record<string, LineQuantities>; shipments?: Shipment[]; before?: Shipment[] } = {}): Notice {
  return {
    order: ORDER, state, idempotencyKey: `${ORDER.hubOrderId}:${state}`, occurredAt: '2024-03-12T08:00:00.000Z',
    status: { state, version: 4, lines: parts.lines ?? LINES, shipments: parts.shipments ?? [], receipts: [], lastEventAt: {} },
    ...(previous ? { previous: { state: previous, lines: LINES, shipments: parts.before ?? [] } } : {}),
  };
}

const segments = (doc: { segments: string[][] }, id: string) => doc.segments.filter((s) => s[0] === id);

describe('documents for a status change', () => {
  it('acknowledges an accepted order with an 855 AD, every line IA, naming our confirmation', () => {
    const [ack, ...rest] = planOrderDocuments(samplePartner('harborline'), notice('acknowledged', 'sent'));
    expect(rest).toEqual([]);
    expect(ack).toMatchObject({ type: '855', functionalId: 'PR', name: '855 acknowledgement (AD)' });
    expect(segments(ack!, 'BAK')[0]).toEqual(['BAK', '00', 'AD', 'HL-PO-558120', '20240311', '', '', '', 'H7QF-2XW9M', '20240312']);
    expect(segments(ack!, 'PO1')[0]).toEqual(['PO1', '1', '24', 'EA', '18.75', 'PE', 'VP', 'CB-TRL-2210', 'BP', 'HL-100234', 'UP', '012345678905']);
    expect(segments(ack!, 'ACK').map((s) => s.slice(1, 4))).toEqual([['IA', '24', 'EA'], ['IA', '6', 'CA'], ['IA', '10', 'EA']]);
  });

  it('details backorders (IB with the date), part cancellations (IQ) and whole ones (IR) in an 855 AC', () => {
    const lines = { 1: quantities(24, { backordered: 4, expectedDate: '2024-04-02' }), 2: quantities(6, { cancelled: 6 }), 3: quantities(10, { cancelled: 3 }) };
    const [ack] = planOrderDocuments(samplePartner('harborline'), notice('backordered', 'acknowledged', { lines }));
    expect(segments(ack!, 'BAK')[0]![2]).toBe('AC');
    expect(segments(ack!, 'ACK').map((s) => s.slice(1))).toEqual([['IB', '4', 'EA', '068', '20240402'], ['IR', '0', 'CA'], ['IQ', '7', 'EA']]);
  });

  it('rejects a rejected order with an 855 RJ without lines', () => {
    const [ack] = planOrderDocuments(samplePartner('harborline'), notice('rejected', 'sent'));
    expect(segments(ack!, 'BAK')[0]![2]).toBe('RJ');
    expect(segments(ack!, 'PO1')).toEqual([]);
  });

  it('sends an 856 and an 810 per new shipment; only the first invoice bills freight and takes the discount off', () => {
    const partner = samplePartner('harborline');
    const first = planOrderDocuments(partner, notice('shipped', 'allocated', { shipments: [FIRST] }));
    expect(first.map((d) => d.name)).toEqual(['856 ship notice 1Z999AA10123456784', '810 invoice H7QF-2XW9M-1']);
    expect(segments(first[0]!, 'SN1').map((s) => s.slice(1, 4))).toEqual([['1', '24', 'EA'], ['3', '4', 'EA']]);
    const invoice = first[1]!;
    expect(segments(invoice, 'BIG')[0]!.slice(1, 5)).toEqual(['20240312', 'H7QF-2XW9M-1', '20240311', 'HL-PO-558120']);
    expect(segments(invoice, 'SAC').map((s) => [s[1], s[2], s[5]])).toEqual([['C', 'D240', '4500'], ['A', 'C310', '1300']]);
    // 24 × 18.75 + 4 × 129.99 + 45.00 − 13.00 = 1001.96
    expect(segments(invoice, 'TDS')[0]![1]).toBe('100196');

    const second = planOrderDocuments(partner, notice('shipped', 'shipped', { shipments: [FIRST, SECOND], before: [FIRST] }));
    expect(second.map((d) => d.name)).toEqual(['856 ship notice 1Z999AA10123456795', '810 invoice H7QF-2XW9M-2']);
    expect(segments(second[1]!, 'SAC')).toEqual([]);
    expect(segments(second[1]!, 'TDS')[0]![1]).toBe(String(6 * 5400 + 6 * 12999));
  });

  it('sends only the documents the partner takes', () => {
    const partner = samplePartner('harborline', { documents: ['810'] });
    expect(planOrderDocuments(partner, notice('acknowledged', 'sent'))).toEqual([]);
    expect(planOrderDocuments(partner, notice('shipped', 'allocated', { shipments: [FIRST] })).map((d) => d.type)).toEqual(['810']);
  });
});

describe('sending them', () => {
  const bodies: string[] = [];
  /** What the partner does with a document before it answers the POST (its 997, at once). */
  let onReceive: (() => Promise<void>) | undefined;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', async () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        await onReceive?.();
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x12`;
    close = () => new Promise((done) => server.close(() => done()));
  });
  afterAll(() => close());

  it('sends the same bytes for the same notice, in valid interchanges, and awaits each document\'s 997', async () => {
    const partner = samplePartner('meridian', { sendTo: { via: 'http', url } });
    const notifier = { config: sampleConfig([partner]), controlNumbers: memoryControlNumbers(), acknowledgements: memoryAcknowledgements(), transport: { mailbox: undefined, label: 'edi', timeoutMs: 2000 } };
    const shipped = { ...notice('shipped', 'allocated', { shipments: [FIRST] }), order: { ...ORDER, customer: { ...ORDER.customer, accountNumber: 'meridian' } } };
    const outcome = await sendDocuments(notifier, shipped);
    expect(outcome.summary).toBe('sent 856 ship notice 1Z999AA10123456784 (control 1), 810 invoice H7QF-2XW9M-1 (control 2) to Meridian Co-op');
    await sendDocuments(notifier, shipped);
    expect(bodies).toHaveLength(4);
    expect(bodies[2]).toBe(bodies[0]);
    expect(bodies[3]).toBe(bodies[1]);
    for (const body of bodies.slice(0, 2)) {
      const reading = readInterchange(body);
      expect(reading.rejection).toBeUndefined();
      expect(reading.interchange).toMatchObject({ senderId: 'CEDARBROOKOS', receiverId: 'MERIDIANCOOP', version: '00501' });
      expect(reading.groups.flatMap((g) => g.sets.map((s) => s.codes))).toEqual([[]]);
    }
    expect([...notifier.acknowledgements.awaited.keys()]).toEqual(['meridian:1', 'meridian:2']);
    expect(notifier.acknowledgements.awaited.get('meridian:2')).toMatchObject({ partner: 'Meridian Co-op', hubOrderId: ORDER.hubOrderId, document: '810 invoice H7QF-2XW9M-1 for PO HL-PO-558120, control 2' });
  });

  it('awaits a document before sending it, so a 997 that comes back during the send is not lost', async () => {
    const partner = samplePartner('meridian', { sendTo: { via: 'http', url } });
    const acknowledgements = memoryAcknowledgements();
    const notifier = { config: sampleConfig([partner]), controlNumbers: memoryControlNumbers(), acknowledgements, transport: { mailbox: undefined, label: 'edi', timeoutMs: 2000 } };
    const settledDuringSend: boolean[] = [];
    onReceive = async () => { settledDuringSend.push((await acknowledgements.settle('meridian:1', { verdict: 'accepted', detail: '997 AK9 A' })).known); };
    try {
      await sendDocuments(notifier, { ...notice('acknowledged', 'sent'), order: { ...ORDER, customer: { ...ORDER.customer, accountNumber: 'meridian' } } });
    } finally {
      onReceive = undefined;
    }
    expect(settledDuringSend).toEqual([true]);
    expect(acknowledgements.awaited.get('meridian:1')!.outcome).toEqual({ verdict: 'accepted', detail: '997 AK9 A' });
  });

  it('refuses a notice about an order from a partner no longer configured', async () => {
    const notifier = { config: sampleConfig([samplePartner('meridian')]), controlNumbers: memoryControlNumbers(), acknowledgements: memoryAcknowledgements(), transport: { mailbox: undefined, label: 'edi', timeoutMs: 2000 } };
    await expect(sendDocuments(notifier, notice('acknowledged', 'sent'))).rejects.toMatchObject({ code: 'X12_UNKNOWN_PARTNER' });
  });
});
