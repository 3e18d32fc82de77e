/**
 * Public types of the legacy OMS simulator ("OMS XML v1", see docs/protocols.md).
 */
import type { ChangeDecision } from './change-desk.js';
import type { LineAllocation, StockBookOptions, StockItem } from '../shared/stock-book.js';

export type { StockItem } from '../shared/stock-book.js';

export const OMS_STATUSES = [
  'ACKNOWLEDGED', 'REJECTED', 'ALLOCATED', 'BACKORDERED', 'READY_FOR_PICKUP', 'SHIPPED', 'DELIVERED', 'CANCELLED',
] as const;
export type OmsStatus = (typeof OMS_STATUSES)[number];

export interface OmsSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Where status callbacks are POSTed; without it updates only go to the feed. */
  callbackUrl?: string;
  /** HMAC secret for `X-OMS-Signature`; default `oms-callback-secret`. */
  callbackSecret?: string;
  /** When set, `/orders` and `/status-feed` require this Basic auth. */
  basicAuth?: { user: string; password: string };
  /**
   * Emit ACKNOWLEDGED, ALLOCATED, SHIPPED this long after an order is accepted; a pickup
   * order (Header/Fulfilment PICKUP) is reported READY_FOR_PICKUP instead of SHIPPED.
   */
  autoProgress?: { acknowledgeAfterMs?: number; allocateAfterMs?: number; shipAfterMs?: number };
  /** Default carrier of shipments; default `UPS`. */
  carrier?: string;
  /** Callback delivery attempts (default 5), first backoff (default 200 ms, doubling) and its cap (default 60 s). */
  callbackRetry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number; timeoutMs?: number };
  /**
   * A second order with a known HubOrderId but a new Idempotency-Key: `reject`
   * (default) answers 409 `DUPLICATE`, `accept` creates another order.
   */
  duplicateHubOrderId?: 'reject' | 'accept';
  /** Mount the JSON control API under `/_sim/` (the CLI turns it on). Default false. */
  controlApi?: boolean;
  /**
   * Keep stock per SKU and distribution centre, allocate new orders from it and
   * publish it to the hub (the "OMS stock feed" of docs/protocols.md). Without
   * it the simulator keeps no stock and pushes nothing.
   */
  stock?: OmsStockOptions;
}

export interface OmsStockOptions extends StockBookOptions {
  /** Starting stock; each SKU×DC at most once, every `dc` one of `dcs`. */
  items: StockItem[];
  /**
   * Where stock documents are POSTed; default: `callbackUrl` with its last path
   * segment replaced by `stock` (`…/in/oms-main/status` → `…/in/oms-main/stock`).
   * Without either, stock is kept but nothing is pushed.
   */
  pushUrl?: string;
}

/** Where one order line's units were taken from (absent from orders when the sim keeps no stock). */
export type OmsLineAllocation = LineAllocation;

export type StockDocumentKind = 'snapshot' | 'delta';

/** One stock document the simulator published, with the outcome of its delivery. */
export interface StockPush {
  kind: StockDocumentKind;
  sequence: number;
  /** When the OMS's stock had these values (ISO 8601 with milliseconds). */
  asOf: string;
  /** As sent: `expectedDate` only on items with `onHand` 0. */
  items: StockItem[];
  /** The exact body POSTed. */
  xml: string;
  /** HTTP status of the last attempt; 0 before the first answer, after a network error or timeout. */
  httpStatus: number;
  attempts: number;
  /** True once a 2xx answer came back. */
  delivered: boolean;
  lastError?: string;
}

export interface OmsLine {
  number: number;
  item: string;
  qty: number;
  /** The DC the hub routed this line to (Line/Warehouse, else Header/Warehouse): taken from there when it can fill the line. */
  warehouse?: string;
}

/** A pickup order (Header/Fulfilment PICKUP): the customer collects it at `store` (Header/PickupStore). */
export interface OmsPickup {
  store?: string;
}

export interface OmsOrder {
  omsOrderNumber: string;
  hubOrderId: string;
  idempotencyKey: string;
  /** The raw XML body of the first POST. */
  xml: string;
  lines: OmsLine[];
  /** Set for a pickup order. */
  pickup?: OmsPickup;
  /** Where each line's units came from, when the sim keeps stock (`stock` option). */
  allocation?: OmsLineAllocation[];
  receivedAt: string;
  /** How many POSTs came with this idempotency key (first one included). */
  posts: number;
  /** Set once a change request cancelled the whole order. */
  cancelled?: boolean;
}

export interface OmsRequestLogEntry {
  method: string;
  path: string;
  status: number;
  idempotencyKey?: string;
  at: string;
}

export interface StatusExtra {
  lines?: Array<{ number: number; qty: number }>;
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  expectedDate?: string;
  reason?: string;
}

export interface StatusUpdate {
  eventId: string;
  sequence: number;
  omsOrderNumber: string;
  hubOrderId: string;
  status: OmsStatus;
  timestamp: string;
  lines?: Array<{ number: number; qty: number }>;
  shipment?: { carrier: string; trackingNumber?: string; trackingUrl?: string };
  expectedDate?: string;
  reason?: string;
  /** The exact XML document of this update (what the callback body carries). */
  xml: string;
}

export interface CallbackRecord {
  eventId: string;
  sequence: number;
  status: OmsStatus;
  hubOrderId: string;
  /** HTTP status of the last attempt; 0 after a network error or timeout. */
  httpStatus: number;
  attempts: number;
  /** True once a 2xx answer came back. */
  delivered: boolean;
  /** True for the second copy sent while `duplicateCallbacks(true)`. */
  duplicate: boolean;
  lastError?: string;
}

export type OrderListener = (order: OmsOrder) => void;

export interface OmsSim {
  /** Base URL, e.g. `http://127.0.0.1:40123` (orders go to `${url}/orders`). */
  readonly url: string;
  close(): Promise<void>;
  orders(): OmsOrder[];
  requests(): OmsRequestLogEntry[];
  /** The next `count` order POSTs answer `status` without recording an order. */
  failNext(count: number, status?: number, body?: string): void;
  rejectAll(code: string, message: string): void;
  acceptAll(): void;
  /** The next order POST is recorded, but its answer is delayed by `ms`. */
  delayNext(ms: number): void;
  /** The next order POST is recorded, but never answered (until close). */
  hangNext(): void;
  onOrder(listener: OrderListener): () => void;
  waitForOrders(count: number, timeoutMs?: number): Promise<OmsOrder[]>;
  /** Appends to the feed and sends the callback (in the background). Throws for an unknown order. */
  emitStatus(ref: string, status: OmsStatus, extra?: StatusExtra): StatusUpdate;
  statusUpdates(): StatusUpdate[];
  duplicateCallbacks(on: boolean): void;
  callbacks(): CallbackRecord[];
  /** Resolves when no callback delivery is in flight; rejects after `timeoutMs`. */
  callbacksSettled(timeoutMs?: number): Promise<void>;
  /** Current stock of every SKU×DC, in the order they became known; empty without the `stock` option. */
  stock(): StockItem[];
  /**
   * Sets one SKU×DC to an absolute quantity (a delivery arrived, a count was
   * corrected) and pushes a delta with it. Throws a `StockError` for an unknown
   * DC or a bad value, or when the sim keeps no stock.
   */
  setStock(item: StockItem): StockItem;
  /**
   * Pushes a snapshot of every SKU×DC; resolves once the hub answered 2xx or the
   * retries are used up (at once when there is nowhere to push). Rejects when the sim keeps no stock.
   */
  pushSnapshot(): Promise<void>;
  /** Every stock document published so far, oldest first. */
  stockPushes(): StockPush[];
  /** Resolves when no stock document is waiting or being delivered; rejects after `timeoutMs`. */
  stockPushesSettled(timeoutMs?: number): Promise<void>;
  /** The next change request is refused with `reason`, whatever it asks. */
  refuseNextChange(reason: string): void;
  /** Every change request decided so far, with its answer. */
  changeDecisions(): ChangeDecision[];
}
