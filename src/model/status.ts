/**
 * Order status: the state, line-level quantities and shipments kept beside the
 * canonical order, and the canonical status events that change them.
 */

export const ORDER_STATES = [
  'received', 'accepted', 'needs_review', 'rejected', 'sent', 'acknowledged',
  'allocated', 'backordered', 'partially_shipped', 'ready_for_pickup', 'shipped', 'delivered',
  'on_hold', 'cancel_requested', 'cancelled', 'return_requested', 'returned', 'refunded',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export interface LineQuantities {
  ordered: number;
  allocated: number;
  backordered: number;
  shipped: number;
  cancelled: number;
  returned: number;
  /** Expected availability date of backordered units (ISO date). */
  expectedDate?: string;
}

/**
 * Where one parcel is, as its carrier reports it (mapped from the carrier's own codes by
 * the carrier instance's `mappings.status`). `exception`: an address problem, damage or a
 * delay; the carrier's expected date says when it may still arrive.
 */
export const PARCEL_STATUSES = ['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned', 'voided'] as const;
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

/** One tracking event of a parcel, as kept on its shipment (the newest few). */
export interface ParcelEvent {
  status: ParcelStatus;
  occurredAt: string;
  /** The carrier's own event code (`EX-ADDR`) and words. */
  code?: string;
  description?: string;
  location?: string;
}

export interface Shipment {
  shipmentId: string;
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  shippedAt: string;
  lines: Array<{ lineId: string; quantity: number }>;
  delivered?: boolean;
  /** The parcel's latest status from its carrier (absent until the carrier reports). */
  parcelStatus?: ParcelStatus;
  /** When the carrier last reported: older reports of this parcel are stale. */
  lastTrackedAt?: string;
  /** The carrier's expected delivery date (ISO date). */
  expectedDate?: string;
  /** Set while the parcel is in an exception (cleared when it moves on). */
  exception?: { code?: string; description: string; at: string };
  /** The newest tracking events, oldest first. */
  history?: ParcelEvent[];
}

/**
 * A shipment the hub booked with a carrier (a label): its parcels ship when the carrier
 * picks them up, and the labels can be voided until then.
 */
export interface Booking {
  /** The carrier's shipment id. */
  shipmentId: string;
  /** The carrier connector instance that booked it (and follows its parcels). */
  instance: string;
  carrier: string;
  service?: string;
  createdAt: string;
  voidedAt?: string;
  parcels: Array<{ trackingNumber: string; trackingUrl?: string; lines: Array<{ lineId: string; quantity: number }>; labelFormat: string }>;
}

export interface DeliveryReceipt {
  target: string;
  externalRef: string;
  at: string;
}

export interface OrderStatus {
  state: OrderState;
  /** State before `on_hold` or `cancel_requested`, to return to when released or refused. */
  resumeState?: OrderState;
  /** Incremented on every applied change; used for compare-and-set and by channels to order callbacks. */
  version: number;
  lines: Record<string, LineQuantities>;
  shipments: Shipment[];
  receipts: DeliveryReceipt[];
  /** Newest occurredAt applied per reporting source, to ignore stale events. */
  lastEventAt: Record<string, string>;
  /** Shipments the hub booked with a carrier (labels), newest last. */
  bookings?: Booking[];
  review?: { reasons: string[] };
  reason?: string;
}

/**
 * Event types an OMS, carrier or the hub itself reports. `ready_for_pickup`: every unit of
 * a pickup order waits at the store; `delivered` then means the customer collected it.
 */
export const STATUS_EVENT_TYPES = [
  'acknowledged', 'rejected', 'allocated', 'backordered', 'ready_for_pickup', 'shipped', 'delivered',
  'cancelled', 'cancel_refused', 'on_hold', 'released', 'returned', 'refunded',
  'change_accepted', 'change_refused', 'tracking',
] as const;
export type StatusEventType = (typeof STATUS_EVENT_TYPES)[number];

export interface StatusEventLine {
  /** Canonical line id; `lineNumber` (1-based position) or `sku` may stand in for it. */
  lineId?: string;
  lineNumber?: number;
  sku?: string;
  quantity: number;
}

export interface StatusEvent {
  /** Unique per source; the same id twice is a duplicate. */
  eventId: string;
  /** Connector instance that reported it (never notified back: no echo). */
  source: string;
  type: StatusEventType;
  occurredAt: string;
  /** Which order: the hub id, or the target's own reference (OMS order number). */
  hubOrderId?: string;
  externalRef?: string;
  lines?: StatusEventLine[];
  shipment?: { carrier?: string; trackingNumber?: string; trackingUrl?: string; shipmentId?: string };
  /** For `tracking`: where the parcel named by `shipment.trackingNumber` is now. */
  parcel?: { status: ParcelStatus; code?: string; description?: string; location?: string };
  expectedDate?: string;
  reason?: string;
  /** For `change_accepted` / `change_refused`: the hub's id of the change request answered. */
  changeId?: string;
}
