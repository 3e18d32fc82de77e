/**
 * Notices about a cXML order for the cxml connector's unit tests: the canonical order of
 * mapping sample cxml-order-request-1 (two lines, bought by partner AN01000000087), its
 * status in a given state, the state before, and shipments.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CanonicalOrder, LineQuantities, Notice, OrderState, Shipment } from '../../src/sdk/index.js';

const SAMPLE = resolve(import.meta.dirname, '../../mappings/samples/cxml-order-request-1.canonical.json');

export const CXML_ORDER: CanonicalOrder = {
  ...(JSON.parse(readFileSync(SAMPLE, 'utf8')) as Omit<CanonicalOrder, 'schemaVersion' | 'hubOrderId' | 'confirmation' | 'channel' | 'source' | 'provenance'>),
  schemaVersion: 1, hubOrderId: '01KB2CXML0000000000000000A', confirmation: 'K7QF-2XW9M', channel: 'edi', source: 'cxml-in',
  provenance: { rawRef: 'raw', mappingId: 'cxml-order-to-canonical', mappingVersion: '1.1.0' },
};

export function quantities(ordered: number, more: Partial<LineQuantities> = {}): LineQuantities {
  return { ordered, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0, ...more };
}

export const CXML_LINES: Record<string, LineQuantities> = { 1: quantities(10), 2: quantities(4) };

export const CXML_SHIPMENT: Shipment = {
  shipmentId: 'SHP-1001', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedAt: '2026-11-24T16:00:00.000Z',
  lines: [{ lineId: '1', quantity: 10 }, { lineId: '2', quantity: 4 }],
};

export interface NoticeParts {
  lines?: Record<string, LineQuantities>;
  shipments?: Shipment[];
  previousShipments?: Shipment[];
  previousLines?: Record<string, LineQuantities>;
  reason?: string;
  order?: CanonicalOrder;
  version?: number;
}

export function cxmlNotice(state: OrderState, previousState: OrderState | undefined, parts: NoticeParts = {}): Notice {
  const version = parts.version ?? 5;
  const order = parts.order ?? CXML_ORDER;
  return {
    order,
    status: {
      state, version, lines: parts.lines ?? CXML_LINES, shipments: parts.shipments ?? [], receipts: [], lastEventAt: {},
      ...(parts.reason ? { reason: parts.reason } : {}),
    },
    state,
    ...(previousState ? { previous: { state: previousState, lines: parts.previousLines ?? CXML_LINES, shipments: parts.previousShipments ?? [] } } : {}),
    idempotencyKey: `${order.hubOrderId}:${version}`,
    occurredAt: '2026-11-23T18:00:00.000Z',
  };
}
