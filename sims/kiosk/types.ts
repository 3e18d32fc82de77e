/**
 * The kiosk protocol's data, as the kiosk sees it: its identity and key, the orders it
 * uploads (`KioskOrder`), the hub's answer to an upload (`UploadReply`) and the messages the
 * hub pushes on a kiosk's MQTT status topic (`HubMessage`).
 */

/** A device key: the HMAC key is the UTF-8 bytes of `secret`. */
export interface KioskKey {
  keyId: string;
  secret: string;
}

/** Who a kiosk is. Transports read `key` at every signing, so Kiosk.useKey() takes effect at once. */
export interface KioskIdentity {
  deviceId: string;
  store: string;
  key: KioskKey;
}

export type Fulfilment = 'pickup' | 'ship';

export interface KioskCustomer {
  name: string;
  email: string;
  phone: string;
}

export interface KioskShipTo {
  name: string;
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface KioskOrderLine {
  sku: string;
  description: string;
  quantity: number;
  /** Cents. */
  unitPrice: number;
}

export interface KioskPayment {
  method: 'card';
  token: string;
  lastFour: string;
}

/** One order as uploaded: `seq` numbers a device's orders 1, 2, 3, … and is never reused. */
export interface KioskOrder {
  seq: number;
  /** ISO time the customer pressed submit (an order sold offline keeps it). */
  placedAt: string;
  currency: string;
  fulfilment: Fulfilment;
  customer: KioskCustomer;
  /** Only for `ship`. */
  shipTo?: KioskShipTo;
  lines: KioskOrderLine[];
  payment?: KioskPayment;
}

/** The upload body: `{ "orders": [...] }`. */
export interface UploadBody {
  orders: KioskOrder[];
}

/** `captured`, `duplicate` and `rejected` all mean: the hub holds this seq (do not resend). */
export type UploadOutcomeName = 'captured' | 'duplicate' | 'rejected';

export interface UploadResult {
  /** Absent only for an entry the hub could not read a number from (then `index` says which). */
  seq?: number;
  /** The entry's position in the upload's `orders` (the hub names it when it has no usable seq). */
  index?: number;
  /** One of UploadOutcomeName; anything else is kept but not taken as "held". */
  outcome: string;
  confirmation?: string;
  hubOrderId?: string;
  state?: string;
  reason?: string;
  /** Where the hub filed a rejected entry. */
  filedId?: string;
}

/** The hub's answer to an upload (HTTP 200 body; over MQTT a `receipt` message). */
export interface UploadReply {
  device?: string;
  store?: string;
  results: UploadResult[];
  /** Highest n such that the hub holds 1..n. */
  highestContiguous: number;
}

export interface ReceiptMessage {
  type: 'receipt';
  nonce: string;
  results: UploadResult[];
  highestContiguous: number;
}

export interface RefusedMessage {
  type: 'refused';
  nonce: string;
  code: string;
  detail: string;
}

export interface StatusMessage {
  type: 'status';
  seq: number;
  confirmation: string;
  state: string;
  version: number;
  occurredAt: string;
}

/** What the hub publishes on `<prefix>/<store>/<deviceId>/status`. */
export type HubMessage = ReceiptMessage | RefusedMessage | StatusMessage;
