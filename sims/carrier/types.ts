/**
 * Public types of the parcel carrier simulator ("ParcelCo"): its options, the handle a
 * test or the CLI gets back, the JSON shapes of its API (addresses, shipments, labels,
 * tracking, webhooks) and the faults a test can inject.
 */
import type { RequestLogEntry } from '../shared/request-log.js';

/** Whose tracking-number format (and check digit) the carrier's numbers follow. */
export type TrackingFormat = 'ups' | 'fedex' | 'usps' | 'dhl';
export type ServiceLevel = 'GROUND' | 'EXPRESS' | 'OVERNIGHT';
export type LabelFormat = 'PDF' | 'ZPL';

/** The carrier's own event vocabulary (the hub maps it to its own). */
export type EventCode = 'LC' | 'PU' | 'IT' | 'OD' | 'DL' | 'EX-ADDR' | 'EX-DMG' | 'EX-DLY' | 'RS' | 'VD';
export type ParcelStatus =
  | 'label_created' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception' | 'returned' | 'voided';

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, in capitals. */
  country: string;
}

export interface ParcelSpec {
  weightGrams: number;
  lengthCm?: number;
  widthCm?: number;
  heightCm?: number;
}

export interface RateRequest {
  shipFrom: Address;
  shipTo: Address;
  parcels: ParcelSpec[];
}

export interface RateQuote {
  service: ServiceLevel;
  /** Cents. */
  amount: number;
  currency: 'USD';
  /** `YYYY-MM-DD`. */
  estimatedDeliveryDate: string;
}

export interface ShipmentRequest extends RateRequest {
  reference: string;
  service: ServiceLevel;
  labelFormat: LabelFormat;
}

export interface EventLocation {
  city: string;
  region?: string;
  postalCode?: string;
  country: string;
}

export interface TrackingEvent {
  id: string;
  code: EventCode;
  description: string;
  /** ISO 8601. */
  occurredAt: string;
  location?: EventLocation;
}

/** What a test or the control API appends to a parcel's history. */
export interface NewEvent {
  code: EventCode;
  /** ISO 8601; default now. */
  occurredAt?: string;
  location?: EventLocation;
  /** `YYYY-MM-DD`: the parcel's new estimate (EX-DLY without one moves it a business day later). */
  estimatedDeliveryDate?: string;
  description?: string;
}

/** `GET /v1/tracking/:trackingNumber`. */
export interface TrackingView {
  trackingNumber: string;
  status: ParcelStatus;
  /** Absent once the parcel was delivered, returned or voided. */
  estimatedDeliveryDate?: string;
  /** Oldest first. */
  events: TrackingEvent[];
}

export interface Label {
  format: LabelFormat;
  contentType: 'application/pdf' | 'application/x-zpl';
  /** Base64 of the PDF bytes or the ZPL text. */
  data: string;
}

export interface ShipmentParcelAnswer {
  index: number;
  trackingNumber: string;
  trackingUrl: string;
  label: Label;
}

/** `POST /v1/shipments` (201, and 200 for a repeat of the same Idempotency-Key). */
export interface ShipmentAnswer {
  shipmentId: string;
  reference: string;
  service: ServiceLevel;
  status: 'label_created';
  parcels: ShipmentParcelAnswer[];
  rate: { amount: number; currency: 'USD' };
  estimatedDeliveryDate: string;
}

export type ShipmentStatus = 'label_created' | 'voided';

/** A shipment as the simulator keeps it (`GET /_sim/shipments`), without label data. */
export interface ShipmentView {
  shipmentId: string;
  reference: string;
  service: ServiceLevel;
  status: ShipmentStatus;
  idempotencyKey: string;
  createdAt: string;
  shipFrom: Address;
  shipTo: Address;
  labelFormat: LabelFormat;
  rate: { amount: number; currency: 'USD' };
  estimatedDeliveryDate: string;
  parcels: Array<ParcelSpec & TrackingView & { index: number; trackingUrl: string }>;
}

/** The JSON body POSTed to the webhook URL. */
export interface WebhookBody {
  /** One per event: a retried or duplicated delivery carries the same id. */
  id: string;
  type: 'tracking.updated';
  createdAt: string;
  data: {
    trackingNumber: string;
    shipmentId: string;
    reference: string;
    status: ParcelStatus;
    estimatedDeliveryDate?: string;
    event: TrackingEvent;
  };
}

/** One copy of one webhook and the outcome of its delivery, updated after every attempt. */
export interface WebhookDelivery {
  webhookId: string;
  trackingNumber: string;
  code: EventCode;
  /** 2 for the second copy sent while the `duplicate` fault is on. */
  copy: number;
  attempts: number;
  /** HTTP status of the last attempt; 0 after a network error or timeout. */
  httpStatus: number;
  delivered: boolean;
  lastError?: string;
}

export interface WebhookFaults {
  /** Send every webhook twice (same id, same body). */
  duplicate?: boolean;
  /** Hold webhooks for a short window and deliver them in an order other than the events'. */
  shuffle?: boolean;
  /** The next n delivery attempts count as failed whatever the receiver answers (the answer is "lost"), so they are retried. */
  failFirst?: number;
}

/** `POST /_sim/faults` and `setFaults`: a field left out stays as it is, `null` clears it. */
export interface FaultSettings {
  /** Requests left before every /v1 call answers 429 with Retry-After, until set to null. */
  rateLimit?: { remaining: number; retryAfterSeconds?: number } | null;
  /** Every /v1 call answers 503: until `untilMs` (epoch ms), for `forMs` from now, or for the next `count` calls. */
  outage?: { untilMs?: number; forMs?: number; count?: number } | null;
  webhook?: WebhookFaults | null;
}

/** The faults in force. */
export interface FaultView {
  rateLimit: { remaining: number; retryAfterSeconds: number } | null;
  outage: { untilMs?: number; count?: number } | null;
  webhook: { duplicate: boolean; shuffle: boolean; failFirst: number };
}

/** One /v1 call as the carrier simulator logs it (sims/shared/request-log.ts). */
export type CarrierRequestLogEntry = RequestLogEntry;

export interface CarrierWebhookOptions {
  /** Where to post; a function is asked at every send (a receiver that starts after the carrier). */
  url: string | (() => string);
  secret: string;
  /** Tries per delivery, the first included; default 6. */
  attempts?: number;
  /** First backoff, doubling each retry; default 200 ms. */
  baseDelayMs?: number;
  /** Backoff never grows past this; default 30 s. */
  maxDelayMs?: number;
  /** One attempt gives up after this; default 5 s. */
  timeoutMs?: number;
  /** While `shuffle` is on, webhooks are collected this long before being sent; default 250 ms. */
  shuffleWindowMs?: number;
}

export interface CarrierSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** `Authorization: Bearer <apiKey>` on every /v1 route; default: a random `pc_test_…`. */
  apiKey?: string;
  /** Default `ups`. */
  format?: TrackingFormat;
  /** UPS shipper number (6 characters) in `1Z` numbers; default `999AA1`. */
  shipperNumber?: string;
  /** First serial of the tracking numbers; default: random, so a restarted sim does not repeat numbers. */
  firstSerial?: number;
  webhook?: CarrierWebhookOptions;
  /** Advance every parcel one step (LC → PU → IT → IT → OD → DL) every `stepMs`. Off by default. */
  autoProgress?: { stepMs: number };
  /** The carrier's clock (event times, rate dates); default the real one. */
  now?: () => Date;
}

export interface CarrierSim {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly apiKey: string;
  readonly format: TrackingFormat;
  close(): Promise<void>;
  /** Appends one event to a parcel and sends its webhook. Throws a `ProblemError` (404, 409, 400). */
  addEvent(trackingNumber: string, event: NewEvent): TrackingEvent;
  /** Appends the parcel's next default step; undefined when it has none (delivered, returned, voided). */
  advance(trackingNumber: string): TrackingEvent | undefined;
  setFaults(settings: FaultSettings): FaultView;
  faults(): FaultView;
  shipments(): ShipmentView[];
  shipment(shipmentId: string): ShipmentView | undefined;
  tracking(trackingNumber: string): TrackingView | undefined;
  requests(): CarrierRequestLogEntry[];
  webhooks(): WebhookDelivery[];
  /** Resolves when no webhook waits or is being delivered; rejects after `timeoutMs` (default 10 s). */
  webhooksSettled(timeoutMs?: number): Promise<void>;
}
