/**
 * Changes to an order after capture: the operations a channel may ask for, the record the
 * hub keeps of each request, and the pure application of accepted operations to the
 * canonical order and its line quantities. No I/O.
 */
import type { Address, CanonicalOrder, MinorUnits, OrderLine } from './order.js';
import type { LineQuantities, OrderStatus } from './status.js';

/**
 * One change as the hub forwards it to the target: line ids are the canonical ones;
 * `lineNumber` is the line's 1-based position in the order (an added line gets the next
 * free number), for targets that know lines by position.
 */
export type OrderChangeOp =
  | { op: 'set_quantity'; lineId: string; lineNumber: number; sku: string; quantity: number }
  | { op: 'change_sku'; lineId: string; lineNumber: number; fromSku: string; sku: string; description?: string; unitPrice: MinorUnits }
  | { op: 'add_line'; lineId: string; lineNumber: number; sku: string; description?: string; quantity: number; unitPrice: MinorUnits }
  | { op: 'change_address'; shipTo: Address }
  | { op: 'cancel_line'; lineId: string; lineNumber: number; sku: string; quantity: number }
  | { op: 'cancel_order'; reason?: string };

/** A line named by its canonical id or its 1-based position in the order. */
export type LineRef = { lineId: string } | { lineNumber: number };

/** One change as a channel asks for it (before the hub resolves lines and prices). */
export type AskedChange =
  | (LineRef & { op: 'set_quantity'; quantity: number })
  | (LineRef & { op: 'change_sku'; sku: string; unitPrice?: MinorUnits; description?: string })
  | { op: 'add_line'; sku: string; quantity: number; unitPrice: MinorUnits; description?: string }
  | { op: 'change_address'; shipTo: Address }
  | (LineRef & { op: 'cancel_line' })
  | { op: 'cancel_order'; reason?: string };

export const CHANGE_STATES = ['queued', 'sent', 'accepted', 'refused'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/** What the hub keeps of one change request, on the order, oldest first. */
export interface ChangeRecord {
  /** `<hubOrderId>.c<seq>` */
  changeId: string;
  seq: number;
  state: ChangeState;
  operations: OrderChangeOp[];
  /** The change in words, for the timeline, the agent and the customer. */
  summary: string;
  requestedAt: string;
  requestedBy: string;
  /** Channel the request came through (`web`, `kiosk`, `phone`, `mail`, `api`). */
  via: string;
  /** The target the change was forwarded to. */
  target?: string;
  settledAt?: string;
  /** Why the target (or the hub, for a request by message) refused it. */
  reason?: string;
  /** For a request that came as a message (an e-mail): its source and dedup key, so a re-read message asks once. */
  dedupKey?: string;
}

export function isOpen(change: ChangeRecord): boolean {
  return change.state === 'queued' || change.state === 'sent';
}

/** Units of a line that can still change: ordered, not shipped, not cancelled. */
export function openUnits(q: LineQuantities | undefined): number {
  return q ? q.ordered - q.shipped - q.cancelled : 0;
}

export interface ChangedOrder {
  order: CanonicalOrder;
  lines: Record<string, LineQuantities>;
}

/** The order and its line quantities once `operations` are applied. */
export function applyChange(order: CanonicalOrder, status: Pick<OrderStatus, 'lines'>, operations: OrderChangeOp[]): ChangedOrder {
  let next: ChangedOrder = { order: { ...order, lines: order.lines.map((l) => ({ ...l })) }, lines: cloneQuantities(status.lines) };
  for (const operation of operations) next = applyOne(next, operation);
  return { order: withTotals(order, status.lines, next.order, next.lines), lines: next.lines };
}

function cloneQuantities(lines: Record<string, LineQuantities>): Record<string, LineQuantities> {
  return Object.fromEntries(Object.entries(lines).map(([id, q]) => [id, { ...q }]));
}

function applyOne(current: ChangedOrder, operation: OrderChangeOp): ChangedOrder {
  const { order, lines } = current;
  switch (operation.op) {
    case 'set_quantity': {
      const line = lineOf(order, operation.lineId);
      const q = lines[line.lineId]!;
      line.quantity = operation.quantity + q.cancelled;
      lines[line.lineId] = fitQuantities(q, line.quantity);
      return current;
    }
    case 'change_sku': {
      const line = lineOf(order, operation.lineId);
      line.sku = operation.sku;
      line.unitPrice = operation.unitPrice;
      if (operation.description !== undefined) line.description = operation.description;
      else delete line.description;
      // The old variant's options (colour, size) describe the old SKU.
      delete line.options;
      const q = lines[line.lineId]!;
      // The old variant's allocation or backorder says nothing about the new one.
      lines[line.lineId] = { ...q, allocated: 0, backordered: 0 };
      delete lines[line.lineId]!.expectedDate;
      return current;
    }
    case 'add_line': {
      const added: OrderLine = {
        lineId: operation.lineId, sku: operation.sku, quantity: operation.quantity, unitPrice: operation.unitPrice,
        ...(operation.description ? { description: operation.description } : {}),
      };
      order.lines.push(added);
      lines[added.lineId] = { ordered: added.quantity, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0 };
      return current;
    }
    case 'change_address':
      return { order: { ...order, shipTo: operation.shipTo }, lines };
    case 'cancel_line': {
      const q = lines[operation.lineId]!;
      lines[operation.lineId] = { ...q, cancelled: q.cancelled + openUnits(q), allocated: 0, backordered: 0 };
      delete lines[operation.lineId]!.expectedDate;
      return current;
    }
    case 'cancel_order':
      for (const [id, q] of Object.entries(lines)) {
        lines[id] = { ...q, cancelled: q.cancelled + openUnits(q), allocated: 0, backordered: 0 };
        delete lines[id]!.expectedDate;
      }
      return current;
  }
}

function lineOf(order: CanonicalOrder, lineId: string): OrderLine {
  const line = order.lines.find((l) => l.lineId === lineId);
  if (!line) throw new RangeError(`order ${order.hubOrderId} has no line ${lineId}`);
  return line;
}

/** A new ordered quantity keeps what is shipped and cancelled; allocation and backorder shrink to fit. */
function fitQuantities(q: LineQuantities, ordered: number): LineQuantities {
  const open = ordered - q.shipped - q.cancelled;
  const allocated = Math.min(q.allocated, open);
  return { ...q, ordered, allocated, backordered: Math.min(q.backordered, open - allocated) };
}

/**
 * Totals after a change: the subtotal moves by what the lines kept are worth more or less
 * (whatever convention the channel's subtotal followed stays); tax follows the subtotal in
 * proportion (the OMS recalculates it exactly); shipping and the order discount stay.
 */
function withTotals(
  before: CanonicalOrder, beforeLines: Record<string, LineQuantities>, after: CanonicalOrder, lines: Record<string, LineQuantities>,
): CanonicalOrder {
  const subtotal = Math.max(0, before.totals.subtotal + merchandise(after, lines) - merchandise(before, beforeLines));
  const tax = before.totals.subtotal > 0 ? Math.round((before.totals.tax * subtotal) / before.totals.subtotal) : before.totals.tax;
  const grandTotal = subtotal + before.totals.shipping + tax - before.totals.discount;
  return { ...after, totals: { ...before.totals, subtotal, tax, grandTotal: Math.max(0, grandTotal) } };
}

/** Σ unit price × units not cancelled, less line discounts (in proportion to the units kept). */
export function merchandise(order: CanonicalOrder, lines: Record<string, LineQuantities>): MinorUnits {
  let sum = 0;
  for (const line of order.lines) {
    const kept = line.quantity - (lines[line.lineId]?.cancelled ?? 0);
    if (kept <= 0) continue;
    const discount = line.discount ? Math.round((line.discount * kept) / line.quantity) : 0;
    sum += line.unitPrice * kept - discount;
  }
  return sum;
}
