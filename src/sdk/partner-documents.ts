/**
 * Which documents one status change calls for, for a business buyer's system (cXML,
 * X12): it needs to hear that its order is confirmed (and how), and what shipped; not
 * that the hub received it or sent it on. So:
 * - a confirmation (cXML ConfirmationRequest, X12 855) when the confirmation the order stands at changes:
 *   `accept` once the OMS acknowledged or allocated it, `detail` (line by line) while
 *   units are backordered or cancelled, `reject` when it is rejected or cancelled. The
 *   same confirmation is not sent twice (acknowledged, then allocated, is one accept);
 * - a ship notice (cXML ShipNoticeRequest, X12 856) for each shipment that is new in this change.
 * Everything else (received, sent, on hold, delivered, …) sends nothing.
 */
import type { Notice } from './connector.js';
import type { LineQuantities, OrderState, Shipment } from '../model/status.js';

export interface LineConfirmation {
  backordered: number;
  cancelled: number;
  expectedDate?: string;
}

export interface Confirmation {
  type: 'accept' | 'detail' | 'reject';
  /** For `detail`: the lines with backordered or cancelled units, by line id. */
  lines: Record<string, LineConfirmation>;
}

export type PartnerDocument =
  | { kind: 'confirmation'; confirmation: Confirmation }
  | { kind: 'ship-notice'; shipment: Shipment; index: number };

const CONFIRMED: ReadonlySet<OrderState> = new Set(['acknowledged', 'allocated', 'backordered']);
const REJECTED: ReadonlySet<OrderState> = new Set(['rejected', 'cancelled']);

export function planPartnerDocuments(notice: Notice): PartnerDocument[] {
  const documents: PartnerDocument[] = [];
  const now = confirmationOf(notice.state, notice.status.lines);
  const before = notice.previous ? confirmationOf(notice.previous.state, notice.previous.lines) : undefined;
  if (now && JSON.stringify(now) !== JSON.stringify(before)) documents.push({ kind: 'confirmation', confirmation: now });
  newShipments(notice).forEach((shipment, index) => documents.push({ kind: 'ship-notice', shipment, index }));
  return documents;
}

/** The confirmation an order in this state stands at, or undefined when the state confirms nothing. */
export function confirmationOf(state: OrderState, lines: Record<string, LineQuantities>): Confirmation | undefined {
  if (REJECTED.has(state)) return { type: 'reject', lines: {} };
  if (!CONFIRMED.has(state)) return undefined;
  const exceptions: Record<string, LineConfirmation> = {};
  for (const [lineId, quantities] of Object.entries(lines).sort(([a], [b]) => a.localeCompare(b))) {
    if (quantities.backordered <= 0 && quantities.cancelled <= 0) continue;
    exceptions[lineId] = {
      backordered: Math.max(0, quantities.backordered),
      cancelled: Math.max(0, quantities.cancelled),
      ...(quantities.backordered > 0 && quantities.expectedDate ? { expectedDate: quantities.expectedDate } : {}),
    };
  }
  return Object.keys(exceptions).length > 0 ? { type: 'detail', lines: exceptions } : { type: 'accept', lines: {} };
}

function newShipments(notice: Notice): Shipment[] {
  const known = new Set((notice.previous?.shipments ?? []).map((s) => s.shipmentId));
  return notice.status.shipments.filter((s) => !known.has(s.shipmentId));
}
