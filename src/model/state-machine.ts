/**
 * The order state machine: pure functions from (status, step or event) to a new
 * status, or to a reason why nothing changes. No I/O; the store applies the result
 * with compare-and-set on `version`.
 */
import type { OrderLine } from './order.js';
import type {
  LineQuantities, OrderState, OrderStatus, StatusEvent, StatusEventLine,
} from './status.js';
import { bookedParcel } from './booking.js';
import { MOVING, trackParcel } from './parcel-tracking.js';

/**
 * How far along the main path a state is; events never move an order backwards. A pickup
 * order waiting at the store (`ready_for_pickup`) is past every change, short of shipped.
 */
const RANK: Record<OrderState, number> = {
  received: 0, needs_review: 1, accepted: 1, on_hold: 1, sent: 2, acknowledged: 3,
  cancel_requested: 3, allocated: 4, backordered: 4, partially_shipped: 5, ready_for_pickup: 6, shipped: 7,
  delivered: 8, return_requested: 9, returned: 10, refunded: 11, rejected: 99, cancelled: 99,
};

/** States a pickup order becomes ready from; `accepted` when the OMS reports before the delivery receipt is written. */
const READY_FROM: ReadonlySet<OrderState> = new Set(['accepted', 'sent', 'acknowledged', 'allocated', 'backordered']);

export const FINAL_STATES: ReadonlySet<OrderState> = new Set(['rejected', 'cancelled', 'refunded']);

/** Hub-internal steps, in the order the pipeline takes them. */
const INTERNAL_STEPS: Record<string, { from: OrderState[]; to: OrderState }> = {
  accept: { from: ['received', 'needs_review'], to: 'accepted' },
  review: { from: ['received'], to: 'needs_review' },
  reject: { from: ['received', 'needs_review'], to: 'rejected' },
  requestCancel: { from: ['received', 'accepted', 'sent', 'acknowledged', 'allocated', 'backordered'], to: 'cancel_requested' },
};
export type InternalStep = keyof typeof INTERNAL_STEPS;

export type Outcome =
  | { outcome: 'applied'; status: OrderStatus; summary: string }
  | { outcome: 'stale' | 'refused'; reason: string };

export function rankOf(state: OrderState): number {
  return RANK[state];
}

/** A state as a reason reads it: `ready for pickup`. */
function inWords(state: OrderState): string {
  return state.replace(/_/g, ' ');
}

export function initialStatus(lines: Pick<OrderLine, 'lineId' | 'quantity'>[] = []): OrderStatus {
  const quantities: Record<string, LineQuantities> = {};
  for (const line of lines) quantities[line.lineId] = emptyQuantities(line.quantity);
  return { state: 'received', version: 0, lines: quantities, shipments: [], receipts: [], lastEventAt: {} };
}

function emptyQuantities(ordered: number): LineQuantities {
  return { ordered, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0 };
}

function bump(status: OrderStatus, changes: Partial<OrderStatus>): OrderStatus {
  return { ...status, ...changes, version: status.version + 1 };
}

/** Applies a hub-internal step (accept, review, reject, requestCancel). */
export function step(status: OrderStatus, name: InternalStep, reason?: string): Outcome {
  const rule = INTERNAL_STEPS[name]!;
  if (!rule.from.includes(status.state)) {
    return { outcome: 'refused', reason: `cannot ${name} an order that is ${status.state}` };
  }
  const extra: Partial<OrderStatus> = { state: rule.to };
  if (name === 'requestCancel') extra.resumeState = status.state;
  if (reason !== undefined) extra.reason = reason;
  return { outcome: 'applied', status: bump(status, extra), summary: `${status.state} → ${rule.to}` };
}

/**
 * Records a successful delivery to a target. Moves `accepted` to `sent`; an order
 * the target already reported on (a fast callback) keeps its later state.
 */
export function recordDelivery(status: OrderStatus, target: string, externalRef: string, at: string): OrderStatus {
  const receipts = status.receipts.filter((r) => r.target !== target);
  receipts.push({ target, externalRef, at });
  const state = status.state === 'accepted' ? 'sent' : status.state;
  return bump(status, { state, receipts });
}

/** Sets the line quantities once the order is mapped (capture knows no lines yet). */
export function withLines(status: OrderStatus, lines: Pick<OrderLine, 'lineId' | 'quantity'>[]): OrderStatus {
  return { ...status, lines: initialStatus(lines).lines };
}

/** Applies a status event reported by a target or carrier. */
export function applyEvent(status: OrderStatus, lines: OrderLine[], event: StatusEvent): Outcome {
  // A carrier's parcels are ordered each on its own (parcel-tracking.ts), not across the order.
  const perParcel = event.type === 'tracking';
  const last = status.lastEventAt[event.source];
  if (!perParcel && last !== undefined && isBefore(event.occurredAt, last)) {
    return { outcome: 'stale', reason: `older than the last event from ${event.source} (${last})` };
  }
  if (FINAL_STATES.has(status.state)) {
    return { outcome: 'refused', reason: `order is already ${inWords(status.state)}` };
  }
  const result = HANDLERS[event.type](status, lines, event);
  if (result.outcome !== 'applied') return result;
  if (sameStatus(result.status, status)) return { outcome: 'stale', reason: `nothing changes (${result.summary})` };
  if (perParcel) return result;
  const lastEventAt = { ...status.lastEventAt, [event.source]: event.occurredAt };
  return { ...result, status: { ...result.status, lastEventAt } };
}

/** Compares instants, not strings: `10:00:00Z` is before `10:00:00.500Z` and offsets count. */
function isBefore(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a < b : ta < tb;
}

/** True when an event would change nothing but the version (a repeated report). */
function sameStatus(a: OrderStatus, b: OrderStatus): boolean {
  return JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });
}

/** Where to go back to when a pending cancellation is refused or settled for part of the order. */
function stateBeforeCancel(status: OrderStatus): OrderState {
  const resume = status.resumeState;
  return resume === undefined || resume === 'cancel_requested' || resume === 'on_hold' ? 'acknowledged' : resume;
}

type Handler = (status: OrderStatus, lines: OrderLine[], event: StatusEvent) => Outcome;

function moveTo(status: OrderStatus, to: OrderState, changes: Partial<OrderStatus> = {}): Outcome {
  return { outcome: 'applied', status: bump(status, { ...changes, state: to }), summary: `${status.state} → ${to}` };
}

function forwardOnly(to: OrderState): Handler {
  return (status) =>
    rankOf(status.state) >= rankOf(to)
      ? { outcome: 'stale', reason: `order is already ${inWords(status.state)}` }
      : moveTo(status, to);
}

/** Resolves event lines to canonical line ids; no lines means every line. */
function resolveLines(lines: OrderLine[], eventLines: StatusEventLine[] | undefined, remaining: (id: string) => number) {
  if (!eventLines || eventLines.length === 0) {
    return lines.map((l) => ({ lineId: l.lineId, quantity: remaining(l.lineId) })).filter((l) => l.quantity > 0);
  }
  return eventLines.map((el) => {
    const line = el.lineId !== undefined ? lines.find((l) => l.lineId === el.lineId)
      : el.lineNumber !== undefined ? lines[el.lineNumber - 1]
        : lines.find((l) => l.sku === el.sku);
    if (!line) throw new RangeError(`event names a line the order does not have: ${JSON.stringify(el)}`);
    return { lineId: line.lineId, quantity: el.quantity };
  });
}

function openQuantity(q: LineQuantities): number {
  return q.ordered - q.shipped - q.cancelled;
}

function cloneLines(status: OrderStatus): Record<string, LineQuantities> {
  return Object.fromEntries(Object.entries(status.lines).map(([id, q]) => [id, { ...q }]));
}

function fulfilmentState(lines: Record<string, LineQuantities>): OrderState {
  const all = Object.values(lines);
  const shippedAny = all.some((q) => q.shipped > 0);
  const open = all.some((q) => openQuantity(q) > 0);
  if (!open) return shippedAny ? 'shipped' : 'cancelled';
  if (shippedAny) return 'partially_shipped';
  return all.some((q) => q.backordered > 0) ? 'backordered' : 'allocated';
}

function withLineChanges(
  status: OrderStatus, lines: OrderLine[], event: StatusEvent,
  change: (q: LineQuantities, quantity: number) => void,
  remaining: (q: LineQuantities) => number,
) {
  const quantities = cloneLines(status);
  let resolved;
  try {
    resolved = resolveLines(lines, event.lines, (id) => remaining(quantities[id]!));
  } catch (error) {
    return { error: (error as Error).message };
  }
  for (const { lineId, quantity } of resolved) {
    const q = quantities[lineId];
    if (!q) return { error: `no quantities recorded for line ${lineId}` };
    if (!Number.isInteger(quantity) || quantity < 1) return { error: `line ${lineId}: quantity ${quantity} is not a whole number above zero` };
    if (quantity > remaining(q)) return { error: `line ${lineId}: ${quantity} is more than the ${remaining(q)} open` };
    change(q, quantity);
  }
  return { quantities };
}

const allocate: Handler = (status, lines, event) => {
  if (rankOf(status.state) > rankOf('partially_shipped')) return { outcome: 'stale', reason: `order is already ${inWords(status.state)}` };
  const result = withLineChanges(status, lines, event, (q, n) => {
    q.allocated = Math.min(openQuantity(q), q.allocated + n);
    q.backordered = Math.max(0, q.backordered - n);
    if (q.backordered === 0) delete q.expectedDate;
  }, (q) => openQuantity(q) - q.allocated);
  if ('error' in result) return { outcome: 'refused', reason: result.error! };
  return moveTo(status, fulfilmentState(result.quantities!), { lines: result.quantities! });
};

const backorder: Handler = (status, lines, event) => {
  if (rankOf(status.state) > rankOf('partially_shipped')) return { outcome: 'stale', reason: `order is already ${inWords(status.state)}` };
  const result = withLineChanges(status, lines, event, (q, n) => {
    q.backordered = Math.min(openQuantity(q), q.backordered + n);
    q.allocated = Math.max(0, Math.min(q.allocated, openQuantity(q) - q.backordered));
    if (event.expectedDate) q.expectedDate = event.expectedDate;
  }, (q) => openQuantity(q) - q.backordered);
  if ('error' in result) return { outcome: 'refused', reason: result.error! };
  return moveTo(status, fulfilmentState(result.quantities!), { lines: result.quantities! });
};

const ship: Handler = (status, lines, event) => {
  if (rankOf(status.state) >= rankOf('shipped')) return { outcome: 'stale', reason: `order is already ${inWords(status.state)}` };
  const tracking = event.shipment?.trackingNumber;
  if (tracking && status.shipments.some((s) => s.trackingNumber === tracking)) {
    return { outcome: 'stale', reason: `shipment ${tracking} is already recorded` };
  }
  const shipped: Array<{ lineId: string; quantity: number }> = [];
  const result = withLineChanges(status, lines, event, (q, n) => {
    q.shipped += n;
    q.allocated = Math.max(0, q.allocated - n);
    q.backordered = Math.min(q.backordered, openQuantity(q));
  }, openQuantity);
  if ('error' in result) return { outcome: 'refused', reason: result.error! };
  for (const [lineId, q] of Object.entries(result.quantities!)) {
    const delta = q.shipped - status.lines[lineId]!.shipped;
    if (delta > 0) shipped.push({ lineId, quantity: delta });
  }
  if (shipped.length === 0) return { outcome: 'stale', reason: 'nothing left to ship' };
  const shipment = {
    shipmentId: event.shipment?.shipmentId ?? tracking ?? `${event.source}:${event.eventId}`,
    shippedAt: event.occurredAt,
    lines: shipped,
    ...(event.shipment?.carrier ? { carrier: event.shipment.carrier } : {}),
    ...(tracking ? { trackingNumber: tracking } : {}),
    ...(event.shipment?.trackingUrl ? { trackingUrl: event.shipment.trackingUrl } : {}),
  };
  return moveTo(status, fulfilmentState(result.quantities!), {
    lines: result.quantities!, shipments: [...status.shipments, shipment],
  });
};

/** Every open unit waits at the store: allocated there, nothing backordered any more. The whole order, whatever lines the event names. */
const readyForPickup: Handler = (status) => {
  if (rankOf(status.state) >= rankOf('ready_for_pickup')) return { outcome: 'stale', reason: `order is already ${inWords(status.state)}` };
  if (!READY_FROM.has(status.state)) return { outcome: 'refused', reason: `an order that is ${inWords(status.state)} cannot be ready for pickup` };
  const quantities = cloneLines(status);
  for (const q of Object.values(quantities)) {
    q.allocated = openQuantity(q);
    q.backordered = 0;
    delete q.expectedDate;
  }
  return moveTo(status, 'ready_for_pickup', { lines: quantities });
};

/** The customer collected a pickup order: every open unit has left the store with them. */
function collect(status: OrderStatus): Outcome {
  const quantities = cloneLines(status);
  for (const q of Object.values(quantities)) {
    q.shipped += openQuantity(q);
    q.allocated = 0;
    q.backordered = 0;
  }
  return moveTo(status, 'delivered', { lines: quantities });
}

const deliver: Handler = (status, _lines, event) => {
  if (status.state === 'delivered') return { outcome: 'stale', reason: 'order is already delivered' };
  if (status.state === 'ready_for_pickup') return collect(status);
  if (status.shipments.length === 0) return { outcome: 'refused', reason: 'no shipment recorded yet' };
  const tracking = event.shipment?.trackingNumber;
  const shipments = status.shipments.map((s) =>
    !tracking || s.trackingNumber === tracking ? { ...s, delivered: true } : s);
  const allDelivered = shipments.every((s) => s.delivered) && status.state === 'shipped';
  return moveTo(status, allDelivered ? 'delivered' : status.state, { shipments });
};

/**
 * A carrier's report of one parcel. A parcel the hub booked ships when the carrier first
 * reports it moving (its booked lines); then its status, expected date and exception are
 * kept on its shipment, and the order is delivered once every parcel is.
 */
const track: Handler = (status, lines, event) => {
  const pickedUp = pickUpBooked(status, lines, event);
  if (pickedUp && pickedUp.outcome !== 'applied') return pickedUp;
  const current = pickedUp ? pickedUp.status : status;
  const result = trackParcel(current.shipments, event);
  if (result.outcome !== 'applied') return result;
  const allDelivered = result.shipments.every((s) => s.delivered) && current.state === 'shipped';
  const moved = moveTo(current, allDelivered ? 'delivered' : current.state, { shipments: result.shipments });
  if (moved.outcome !== 'applied') return moved;
  const stateChange = status.state === moved.status.state ? '' : `; ${status.state} → ${moved.status.state}`;
  return { ...moved, status: { ...moved.status, version: status.version + 1 }, summary: `${result.summary}${stateChange}` };
};

/** The first report of a booked parcel in the carrier's hands ships its booked lines. */
function pickUpBooked(status: OrderStatus, lines: OrderLine[], event: StatusEvent): Outcome | undefined {
  const trackingNumber = event.shipment?.trackingNumber;
  if (!trackingNumber || !event.parcel || status.shipments.some((s) => s.trackingNumber === trackingNumber)) return undefined;
  const booked = bookedParcel(status, trackingNumber);
  if (!booked) return undefined;
  if (!MOVING.has(event.parcel.status)) return { outcome: 'stale', reason: `parcel ${trackingNumber} is not with the carrier yet (${event.parcel.status})` };
  return ship(status, lines, {
    ...event, type: 'shipped', lines: booked.parcel.lines,
    shipment: {
      trackingNumber, shipmentId: trackingNumber, carrier: booked.booking.carrier,
      ...(booked.parcel.trackingUrl ? { trackingUrl: booked.parcel.trackingUrl } : {}),
    },
  });
}

const cancel: Handler = (status, lines, event) => {
  // The OMS may still cancel a pickup order waiting at the store (never collected); a
  // customer's cancellation of it is refused before it gets here (judge-change.ts).
  if (rankOf(status.state) >= rankOf('shipped')) return { outcome: 'refused', reason: `order is already ${inWords(status.state)}` };
  const result = withLineChanges(status, lines, event, (q, n) => {
    q.cancelled += n;
    q.allocated = Math.min(q.allocated, openQuantity(q));
    q.backordered = Math.min(q.backordered, openQuantity(q));
  }, openQuantity);
  if ('error' in result) return { outcome: 'refused', reason: result.error! };
  const changes: Partial<OrderStatus> = { lines: result.quantities! };
  if (event.reason) changes.reason = event.reason;
  const next = fulfilmentState(result.quantities!);
  if (next === 'cancelled' || next === 'shipped') return moveTo(status, next, changes);
  const stay = status.state === 'cancel_requested' ? stateBeforeCancel(status) : status.state;
  return moveTo(status, stay, changes);
};

const HANDLERS: Record<StatusEvent['type'], Handler> = {
  acknowledged: forwardOnly('acknowledged'),
  rejected: (status, _l, event) =>
    rankOf(status.state) >= rankOf('allocated')
      ? { outcome: 'refused', reason: `order is already ${inWords(status.state)}` }
      : moveTo(status, 'rejected', event.reason ? { reason: event.reason } : {}),
  allocated: allocate,
  backordered: backorder,
  ready_for_pickup: readyForPickup,
  shipped: ship,
  delivered: deliver,
  cancelled: cancel,
  cancel_refused: (status, _l, event) =>
    status.state !== 'cancel_requested'
      ? { outcome: 'stale', reason: 'no cancellation pending' }
      : moveTo(status, stateBeforeCancel(status), event.reason ? { reason: event.reason } : {}),
  on_hold: (status) =>
    status.state === 'on_hold' ? { outcome: 'stale', reason: 'already on hold' }
      : moveTo(status, 'on_hold', { resumeState: status.state }),
  released: (status) =>
    status.state !== 'on_hold' ? { outcome: 'stale', reason: 'not on hold' }
      : moveTo(status, status.resumeState ?? 'acknowledged'),
  returned: (status) =>
    rankOf(status.state) < rankOf('shipped') || rankOf(status.state) >= rankOf('returned')
      ? { outcome: 'refused', reason: `cannot return an order that is ${status.state}` }
      : moveTo(status, 'returned'),
  refunded: (status) =>
    status.state !== 'returned' ? { outcome: 'refused', reason: `cannot refund an order that is ${status.state}` }
      : moveTo(status, 'refunded'),
  // Answers to change requests change the order itself, not only its status: the change stage settles them.
  change_accepted: () => ({ outcome: 'refused', reason: 'a change answer is settled by the change stage, not the state machine' }),
  change_refused: () => ({ outcome: 'refused', reason: 'a change answer is settled by the change stage, not the state machine' }),
  tracking: track,
};
