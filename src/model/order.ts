/**
 * The canonical order: the one shape every channel is mapped into and every
 * legacy target is rendered from. Types only; the JSON Schema that enforces
 * them lives in ./order-schema.ts and must be kept in step.
 */

export const CANONICAL_SCHEMA_VERSION = 1;
export const CANONICAL_SCHEMA_ID = 'canonical/order@1';

export const CHANNELS = ['web', 'phone', 'fax', 'mail', 'kiosk', 'edi', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Money is always an integer number of minor units (cents) of `currency`. */
export type MinorUnits = number;

export interface Address {
  name?: string;
  company?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  phone?: string;
}

export interface Customer {
  id?: string;
  accountNumber?: string;
  name?: string;
  email?: string;
  /** E.164, e.g. +14155550123. */
  phone?: string;
  /** `essential`: the customer opted out of optional notices (changed, backordered, delivered). */
  notices?: 'all' | 'essential';
}

export interface OrderLine {
  lineId: string;
  sku: string;
  description?: string;
  quantity: number;
  unitPrice: MinorUnits;
  discount?: MinorUnits;
  tax?: MinorUnits;
  options?: Record<string, string>;
  /** The distribution centre this line ships from, when the hub split the order by line. */
  warehouse?: string;
}

export interface Totals {
  subtotal: MinorUnits;
  shipping: MinorUnits;
  tax: MinorUnits;
  discount: MinorUnits;
  grandTotal: MinorUnits;
}

/** Payment is only ever a token and what may be shown: never a card number. */
export interface Payment {
  method: string;
  token?: string;
  lastFour?: string;
  authorizedAmount?: MinorUnits;
}

export interface Fulfilment {
  method: 'ship' | 'pickup' | 'delivery';
  serviceLevel?: string;
  requestedDate?: string;
  pickupStore?: string;
  /** The distribution centre the hub routed the whole order to (see routing.warehouses). */
  warehouse?: string;
}

export interface Provenance {
  /** Key of the raw envelope kept in the store. */
  rawRef: string;
  mappingId: string;
  mappingVersion: string;
  /** OCR or extraction confidence per canonical field pointer, 0..1. */
  confidence?: Record<string, number>;
}

/** What an inbound mapping must produce; the hub adds identity and provenance. */
export interface MappedOrder {
  externalId: string;
  /**
   * The channel's own id of the document the order came in, when documents sent back
   * must name it: a cXML OrderRequest's payloadID, an X12 850's interchange, group and
   * transaction-set control numbers.
   */
  sourceDocument?: string;
  placedAt: string;
  currency: string;
  customer: Customer;
  billTo?: Address;
  shipTo?: Address;
  lines: OrderLine[];
  totals: Totals;
  payment?: Payment;
  fulfilment?: Fulfilment;
  notes?: string;
}

export interface CanonicalOrder extends MappedOrder {
  schemaVersion: typeof CANONICAL_SCHEMA_VERSION;
  hubOrderId: string;
  confirmation: string;
  channel: Channel;
  /** Connector instance id the order came in through. */
  source: string;
  provenance: Provenance;
}
