/**
 * The connector contract: how a connector declares itself (`defineConnector`) and
 * the roles an instance of it may play. A connector folder's `index.ts` default-exports
 * the result of `defineConnector(...)`; the hub discovers it, validates instance settings
 * against `configSchema`, and calls `create` once per configured instance.
 */
import type { Logger } from 'pino';
import type { Address, CanonicalOrder, Channel, MinorUnits } from '../model/order.js';
import type { AskedChange, OrderChangeOp } from '../model/order-change.js';
import type { OrderState, OrderStatus, StatusEvent } from '../model/status.js';

/** A JSON Schema (2020-12) object. Properties marked `"x-secret": true` must come from the environment. */
export type JsonSchema = Record<string, unknown>;

export interface ConnectorContext<Config> {
  /** Id of the configured instance (e.g. `web-shop`), used in routes, queues and logs. */
  instanceId: string;
  channel: Channel | undefined;
  /** Settings, validated against the connector's schema, secrets resolved from the environment. */
  config: Config;
  log: Logger;
  /** Layouts for reading files, from the instance's `mappings.files` (file-name pattern → mapping). */
  fileLayouts: FileLayout[];
  /** The hub's registered devices (kiosks): who signed a request, and what their orders hold. */
  devices: Devices;
  /** Numbers the documents this instance sends must carry (X12 control numbers), one per document. */
  controlNumbers: ControlNumbers;
  /** Acknowledgements this instance waits for (an X12 997 for each document sent). */
  acknowledgements: Acknowledgements;
  /**
   * The instance's `mappings.status`, compiled: what a status source reports (a carrier's
   * tracking event) → canonical fields. Undefined when the instance has none.
   */
  statusMapping?: (input: unknown) => Record<string, unknown>;
}

/**
 * A request or message signed by a device: HMAC-SHA256 with its key over
 * `METHOD \n target \n timestamp \n nonce \n hex(sha256(body))` (target: path with query, or MQTT topic).
 */
export interface SignedDeviceMessage {
  keyId: string;
  /** Unix seconds, as sent. */
  timestamp: string;
  nonce: string;
  /** Hex HMAC-SHA256. */
  signature: string;
  /** HTTP method, or `PUBLISH` for an MQTT message. */
  method: string;
  target: string;
  body: Buffer;
}

/** Who signed: a registered, unrevoked device, with the store it stands in. */
export interface DeviceIdentity {
  deviceId: string;
  store: string;
  keyId: string;
}

/** What the hub holds of one device's numbered orders. */
export interface DeviceSequence {
  /** Highest n such that the hub holds the device's orders 1..n: resend what lies above it. */
  highestContiguous: number;
  highestSeen: number;
}

export interface Devices {
  /**
   * Checks the signature, the timestamp (within `toleranceSeconds` of now), that the key and
   * the device are not revoked or retired, and that the nonce was not used before (a replay).
   * Throws `UnauthorizedError` with a code saying which; records the nonce only when all pass.
   */
  authenticate(message: SignedDeviceMessage, options: { toleranceSeconds: number }): Promise<DeviceIdentity>;
  /** Records that the device's orders with these sequence numbers are durably held. */
  hold(deviceId: string, sequences: number[]): Promise<DeviceSequence>;
  sequence(deviceId: string): Promise<DeviceSequence>;
  /** The device's store now, or undefined for an unknown or revoked device. */
  storeOf(deviceId: string): Promise<string | undefined>;
}

/**
 * Control numbers of the documents an instance sends (an X12 interchange's ISA13), kept
 * by the hub per series (one per trading partner). A number is allocated for a document
 * key: the same key always gets the same number, so a document written again (a retried
 * notice) is the same bytes, and the partner drops the repeat. A series counts 1..max
 * and wraps to 1.
 */
export interface ControlNumbers {
  allocate(series: string, documentKey: string, options?: { max?: number }): Promise<number>;
}

/** A document the instance sent and the acknowledgement it waits for. */
export interface AwaitedAcknowledgement {
  /** Names the document within the instance: what the acknowledgement quotes (partner and group control number). */
  key: string;
  /** The trading partner, as people call it. */
  partner: string;
  /** What was sent, in words: `855 PO acknowledgement, group 1042`. */
  document: string;
  hubOrderId?: string;
  /** When the partner's time is up (ISO instant). */
  dueAt: string;
}

/** What an acknowledgement said of the document it names. */
export interface AcknowledgementOutcome {
  verdict: 'accepted' | 'accepted-with-errors' | 'partially-accepted' | 'rejected';
  /** The codes and words of the acknowledgement, for the timeline. */
  detail: string;
}

/** What the hub knew of the document an acknowledgement named. */
export interface SettledAcknowledgement {
  /** False when no document under this key is awaited (a late or stray acknowledgement). */
  known: boolean;
  /** True when this acknowledgement was already recorded for the document (a re-read file). */
  duplicate: boolean;
  awaited?: AwaitedAcknowledgement;
}

/**
 * Acknowledgements the instance waits for. `expect` after a document is sent (again:
 * keeps the first due time); `settle` when the acknowledgement comes, and the order's
 * timeline says what it said. Documents not acknowledged by their due time are listed
 * at `GET /api/acknowledgements` and fire the `ack_overdue` alert.
 */
export interface Acknowledgements {
  expect(awaited: AwaitedAcknowledgement): Promise<void>;
  settle(key: string, outcome: AcknowledgementOutcome): Promise<SettledAcknowledgement>;
}

/** One line of a file read with a layout, or what was wrong with it. */
export interface ParsedFile {
  rows: Array<{ line: number; record: string; value: Record<string, unknown> }>;
  problems: Array<{ line: number; record?: string; field?: string; message: string }>;
}

export interface FileLayout {
  /** File-name glob (`*` and `?`), e.g. `ACK_*.txt`. */
  pattern: string;
  mappingId: string;
  matches(fileName: string): boolean;
  parse(bytes: Buffer): ParsedFile;
}

/** An HTTP request pushed to `/in/<instance>/<path>`. */
export interface InboundRequest {
  method: string;
  /** Sub-path after the instance, '' or starting with '/'. */
  path: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The exact bytes received; signatures are checked over these. */
  body: Buffer;
  receivedAt: Date;
}

/** The raw form of one inbound order, as the channel sent it. */
export interface EnvelopeIn {
  /**
   * Stable identity of this order at its source: the same order seen twice (retried
   * webhook, re-read file, webhook and poll of the same order) must give the same key.
   */
  dedupKey: string;
  externalId?: string;
  contentType: string;
  body: Buffer;
  /** Non-personal metadata worth keeping (topic, event id, file name). */
  meta?: Record<string, string>;
  /**
   * The body as plain data, when the connector parsed it anyway (to find the dedup key):
   * exactly what `parse` would return, so the hub does not parse the bytes twice.
   */
  data?: unknown;
  /**
   * Which form of order this is, when one channel carries several (an e-mail's text
   * template, a CSV or XML attachment, a scanned form): the hub maps it with the
   * instance's `mappings.forms.<form>` instead of `mappings.inbound`.
   */
  form?: string;
  /**
   * Slow to judge (OCR): recorded as received at once and judged by a normalize worker,
   * even on an instance that judges its other orders at capture.
   */
  deferJudging?: boolean;
}

/**
 * Something that arrived on an order channel but is not an order (a bounce, an
 * auto-reply, spam): the hub files it with its reason and original bytes, once per
 * dedup key, and never turns it into an order.
 */
export interface FiledItem {
  /** Same rules as an order's dedup key: the same item seen twice is filed once. */
  dedupKey: string;
  /** Short kind: `bounce`, `auto-reply`, `bulk`, `spam`, `too-large`, … */
  kind: string;
  /** What a person reading the list needs: why this is not an order (no full addresses). */
  reason: string;
  contentType: string;
  body: Buffer;
  /** Non-personal metadata worth keeping (message id, mailbox, subject length, …). */
  meta?: Record<string, string>;
  /**
   * The order this item is about (a bounced notice): the hub notes it on that order's
   * timeline with `note`.
   */
  about?: { hubOrderId: string; note: string; detail?: Record<string, string> };
}

/** What the hub did with a filed item. */
export interface FiledReceipt {
  filedId: string;
  duplicate: boolean;
}

/**
 * A customer's request to change or cancel an order that came as a message (an e-mail):
 * the hub finds the order by its confirmation code, checks that the sender is the
 * order's customer, and judges the change like any other. The original message is kept
 * (filed) when the hub cannot act on it.
 */
export interface ChangeAskIn {
  /** Same rules as an order's dedup key: the same message seen twice asks once. */
  dedupKey: string;
  /** The order's confirmation code as the customer wrote it. */
  confirmation: string;
  /** The sender's address, to check against the order's customer. */
  from: string;
  operations: AskedChange[];
  contentType: string;
  body: Buffer;
  meta?: Record<string, string>;
}

/** What the hub did with a change asked by message. */
export interface ChangeAskReceipt {
  outcome: 'asked' | 'refused' | 'duplicate' | 'filed';
  /** The change's id (asked, refused) or the filed item's id (filed). */
  id: string;
  /** For `refused` and `filed`: why, in words. */
  reason?: string;
}

/** An order captured through an intake: what the channel can tell the sender. */
export interface CaptureReceipt {
  hubOrderId: string;
  confirmation: string;
  duplicate: boolean;
  /** A new order's state: `accepted`, `needs_review` (why is on the order), or `received` (judged later). */
  state?: OrderState;
  /**
   * For a duplicate of an envelope whose `meta.fingerprint` names its content: false when
   * the order already held under this dedup key had another fingerprint (the sender reused
   * a number for a different order), true when the same.
   */
  sameContent?: boolean;
}

/**
 * What the hub hands a listening connector (one that accepts on its own socket, like an
 * SMTP listener): each call returns only once the item is durably recorded, so the
 * connector may answer its sender "accepted" after it and never before. A call that
 * throws recorded nothing: answer the sender with a temporary failure so it retries.
 */
export interface Intake {
  order(envelope: EnvelopeIn): Promise<CaptureReceipt>;
  file(item: FiledItem): Promise<FiledReceipt>;
  change(ask: ChangeAskIn): Promise<ChangeAskReceipt>;
}

/** A running listener of a connector instance. */
export interface Listening {
  /** Where it listens, e.g. `smtp://127.0.0.1:2525`, for logs and tests. */
  address: string;
  /** Stops accepting; lets sessions in progress finish their current message. */
  close(): Promise<void>;
}

/** Stock of one SKU at one distribution centre, as the OMS reports it. */
export interface StockItem {
  sku: string;
  dc: string;
  /** Units on hand after the change: absolute, so applying it twice is harmless. */
  onHand: number;
  /** When more is expected (ISO date), typically when `onHand` is 0. */
  expectedDate?: string;
  /** What the OMS offers instead of this SKU, best first (replaces what it said before). */
  alternatives?: string[];
}

/**
 * Stock from the OMS: a `snapshot` (everything it has) or a `delta` (what changed). The
 * hub keeps, per SKU and DC, the value with the newest `asOf`, and ignores any item older
 * than the last snapshot: deltas may arrive twice or out of order.
 */
export interface StockUpdate {
  kind: 'snapshot' | 'delta';
  /** When the OMS's stock had these values (ISO instant). */
  asOf: string;
  sequence?: number;
  items: StockItem[];
}

/** A status event as a connector reports it; the hub stamps the reporting instance. */
export type StatusEventIn = Omit<StatusEvent, 'source'>;

export type InboundResult =
  | { kind: 'order'; envelope: EnvelopeIn }
  | { kind: 'status'; events: StatusEventIn[] }
  | { kind: 'stock'; update: StockUpdate }
  | { kind: 'reply'; status: number; body?: string; contentType?: string };

export interface PollResult {
  orders?: EnvelopeIn[];
  events?: StatusEventIn[];
  /** Items that are not orders, filed with their reason (recorded before the cursor moves). */
  filed?: FiledItem[];
  /** Customers' requests to change or cancel an order (recorded before the cursor moves). */
  changes?: ChangeAskIn[];
  /** Stock from the OMS (applied before the cursor moves). */
  stock?: StockUpdate[];
  /** Saved only after everything above is captured; passed to the next poll. */
  cursor?: string;
  /** True when the source has more right now: the hub polls again at once. */
  more?: boolean;
  /** Runs once everything above is recorded (e.g. move read files to an archive folder). */
  afterCommit?: () => Promise<void>;
}

export interface Poller {
  intervalMs: number;
  run(cursor: string | undefined): Promise<PollResult>;
  /**
   * Optional push from the source (IMAP IDLE): the connector calls `wake` when the source
   * has something new, and the hub polls at once instead of at the next interval. Called
   * in every worker process; returns a function that stops watching.
   */
  watch?(wake: () => void): Promise<() => Promise<void>>;
}

/** The raw envelope as stored, handed to `parse` in the normalize stage. */
export interface RawEnvelope {
  contentType: string;
  body: Buffer;
  meta: Record<string, string>;
}

export interface Delivery {
  order: CanonicalOrder;
  /** The order rendered by the instance's outbound mapping. */
  payload: { body: string; contentType: string };
  /** Same for every attempt of this order to this target: the receiver must honour it. */
  idempotencyKey: string;
  attempt: number;
}

/** How a batching target gathers orders: whichever comes first closes the batch. */
export interface BatchPolicy {
  maxOrders: number;
  maxWaitMs: number;
}

/** A batch of orders rendered into one file by the instance's outbound mapping. */
export interface BatchDelivery {
  batchId: string;
  createdAt: string;
  orders: CanonicalOrder[];
  payload: { bytes: Buffer; contentType: string };
  /** The batch id: the same on every attempt, so a retry overwrites rather than duplicates. */
  idempotencyKey: string;
  attempt: number;
}

export interface DeliveryResult {
  /** The target's own reference (OMS order number, file name). */
  externalRef: string;
}

/** The outcome of a change request, told to the channel and the customer. */
export interface ChangeNotice {
  changeId: string;
  outcome: 'accepted' | 'refused';
  /** The change in words: "line 1: BLOUSE-RED-M → BLOUSE-GRN-M". */
  summary: string;
  /** Why the OMS refused it. */
  reason?: string;
}

export interface Notice {
  order: CanonicalOrder;
  status: OrderStatus;
  state: OrderState;
  /** What the order looked like before this change; absent for a new order. */
  previous?: Pick<OrderStatus, 'state' | 'lines' | 'shipments'>;
  /** Same for every attempt of this notice: the receiver should drop repeats. */
  idempotencyKey: string;
  occurredAt: string;
  /** Set when this notice is the answer to a change the customer or an agent asked for. */
  change?: ChangeNotice;
}

/** What a notify call did, in words for the order's timeline (e.g. "e-mailed the customer: shipped"). */
export interface NoticeOutcome {
  summary: string;
  detail?: Record<string, unknown>;
}

export interface CheckResult {
  ok: boolean;
  detail: string;
}

/** A change request for an order the target already holds. */
export interface ChangeRequest {
  /** Hub id of this change (`<hubOrderId>.c<n>`): the target answers with it. */
  changeId: string;
  /** The order as it stands before the change. */
  order: CanonicalOrder;
  /** The target's own reference of the order (its order number), from the delivery receipt. */
  externalRef: string;
  operations: OrderChangeOp[];
  requestedAt: string;
  /** The request rendered by the instance's `mappings.changes` mapping, when it has one. */
  payload?: { body: string; contentType: string };
  /** Same on every attempt: the receiver must apply a change once. */
  idempotencyKey: string;
  attempt: number;
}

/**
 * The target's answer to a change request. `pending`: the target answers later (a status
 * file), with a `change_accepted` or `change_refused` status event naming the `changeId`.
 */
export type ChangeAnswer =
  | { outcome: 'accepted'; detail?: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'pending' };

/** An authorization asked of a payment gateway. The card itself never reaches the hub: only its token. */
export interface AuthorizationRequest {
  hubOrderId: string;
  /** The payment token the channel got from the gateway's hosted field. */
  token: string;
  amount: MinorUnits;
  currency: string;
  /** Same on every attempt: the gateway authorizes once per key. */
  idempotencyKey: string;
}

/** `approved` with less than asked is a partial approval. */
export type AuthorizationResult =
  | { outcome: 'approved'; authorizationId: string; amount: MinorUnits }
  | { outcome: 'declined'; reason: string; code?: string };

/** Capture or release (void) part or all of an authorization. */
export interface PaymentOperation {
  authorizationId: string;
  amount: MinorUnits;
  currency: string;
  idempotencyKey: string;
}

/** What a payment gateway connector offers the hub. */
export interface PaymentGateway {
  authorize(request: AuthorizationRequest): Promise<AuthorizationResult>;
  /** Takes `amount` of an authorization (at shipment); returns what was captured. */
  capture(operation: PaymentOperation): Promise<{ amount: MinorUnits }>;
  /** Releases `amount` of an authorization (a cancelled line); returns what was released. */
  release(operation: PaymentOperation): Promise<{ amount: MinorUnits }>;
}

/** A shipment the hub books with a carrier: the order's parcels, each with the lines it carries. */
export interface ShipmentRequest {
  hubOrderId: string;
  /** What the carrier shows as the sender's reference (the order's confirmation code). */
  reference: string;
  service?: string;
  /** Undefined: the instance's own sender address. */
  shipFrom?: Address;
  shipTo: Address;
  parcels: Array<{ lines: Array<{ lineId: string; quantity: number }>; weightGrams: number }>;
  labelFormat: 'PDF' | 'ZPL';
  /** Same on every attempt of this booking: the carrier books once per key. */
  idempotencyKey: string;
}

export interface BookedShipment {
  /** The carrier's id of the shipment (to void it). */
  shipmentId: string;
  /** The carrier's name as the hub shows it (`UPS`, `ParcelCo`). */
  carrier: string;
  service?: string;
  /** In the order of the request's parcels. */
  parcels: Array<{ trackingNumber: string; trackingUrl?: string; label: { format: 'PDF' | 'ZPL'; contentType: string; data: Buffer } }>;
  /** What the carrier charged, minor units. */
  charge?: { amount: MinorUnits; currency: string };
}

/** Booking with a carrier: labels for parcels the hub ships directly (drop-ship, a store). */
export interface Shipping {
  book(request: ShipmentRequest): Promise<BookedShipment>;
  /** Voids the labels; throw PermanentError when the carrier has the parcels already. */
  void(shipmentId: string): Promise<void>;
}

/** What a carrier says of one parcel now: every event it knows (the hub drops those it has). */
export interface TrackedParcel {
  trackingNumber: string;
  /** Events of type `tracking`, each with a stable `eventId`. */
  events: StatusEventIn[];
  /** The carrier does not know this number (yet, or any more). */
  unknown?: boolean;
}

/**
 * Following parcels by asking their carrier. The hub asks for each parcel on its own
 * schedule: `everyMs` after news, twice as long after each quiet look up to `maxEveryMs`,
 * never again once the parcel is delivered, returned or voided.
 */
export interface Tracking {
  track(trackingNumbers: string[]): Promise<TrackedParcel[]>;
  /** How many numbers one call may ask for. */
  batchSize: number;
  everyMs: number;
  maxEveryMs: number;
  /** How often the hub looks for parcels that are due. */
  tickMs: number;
}

/** What an instance can do. Every role is optional; a connector plays one or several. */
export interface ConnectorInstance {
  /**
   * Inbound push: an HTTP request to the instance's route. A request that carries many
   * orders (a kiosk's batch) records each through `intake` and answers with a `reply`.
   */
  receive?(request: InboundRequest, intake: Intake): Promise<InboundResult>;
  /** Inbound pull: a scheduled poll with a persisted cursor. */
  poll?: Poller;
  /**
   * Inbound on the connector's own socket (an SMTP listener): started by the API
   * process with an intake that records orders and filed items before it returns.
   */
  listen?(intake: Intake): Promise<Listening>;
  /**
   * Bytes to plain data for the inbound mapping; defaults to JSON or XML by content type.
   * May be asynchronous (a MIME parser); throw `BadInputError` for bytes that say nothing
   * usable, and the order goes to review with the message.
   */
  parse?(raw: RawEnvelope): unknown;
  /**
   * Judges the envelope again with a reviewer's corrections (field name → value), for
   * connectors whose `parse` throws `NeedsReviewError` with named fields (OCR forms):
   * corrected fields count as certain; returns the data for the mapping, or throws
   * `NeedsReviewError` again when a check still fails.
   */
  reread?(raw: RawEnvelope, corrections: Record<string, string>): Promise<unknown>;
  /**
   * Default true: the hub parses, maps and validates an order before it answers the
   * channel (microseconds for JSON or XML), so the order is recorded already accepted
   * or in review. Set false when parsing is slow (OCR): the order is then recorded as
   * received and a normalize worker judges it.
   */
  normalizeAtCapture?: boolean;
  /** Outbound delivery of a rendered order to a target system. */
  deliver?(delivery: Delivery): Promise<DeliveryResult>;
  /**
   * Forwards a change or cancellation of an order this target holds. Throw a transient
   * error to be retried; `refused` is the target's final word on this change.
   */
  requestChange?(request: ChangeRequest): Promise<ChangeAnswer>;
  /** A payment gateway: authorizations for what can ship, captures, releases. */
  payments?: PaymentGateway;
  /** A carrier that books shipments and makes labels. */
  shipping?: Shipping;
  /** A carrier the hub asks about its parcels. */
  tracking?: Tracking;
  /** Batching targets gather orders (see `batch`) and deliver them together instead. */
  batch?: BatchPolicy;
  deliverBatch?(delivery: BatchDelivery): Promise<DeliveryResult>;
  /** Tell the channel (or customer) about a status change; what was done goes on the timeline. */
  notify?(notice: Notice): Promise<void | NoticeOutcome>;
  /**
   * `latest-state` (default): the receiver keeps the order's current state, so a notice
   * older than one already told is dropped. `every-change`: each notice is a message of
   * its own (an e-mail): none is dropped because a newer one went out first.
   */
  notices?: 'latest-state' | 'every-change';
  /** Is the far side reachable and are the credentials right? */
  check?(): Promise<CheckResult>;
  close?(): Promise<void>;
}

export interface ConnectorDefinition<Config = Record<string, unknown>> {
  /** Must equal the connector's folder name. */
  id: string;
  title: string;
  description: string;
  version: string;
  /** JSON Schema of the instance settings; drives validation and docs. */
  configSchema: JsonSchema;
  /** Roles the connector can play, declared up front for docs and config checks. */
  /** `keyed`: orders people key on the hub's own pages (the agent desk) come in through it. */
  roles: ReadonlyArray<'push' | 'pull' | 'listen' | 'keyed' | 'deliver' | 'change' | 'status' | 'notify' | 'payment' | 'ship' | 'track'>;
  create(context: ConnectorContext<Config>): ConnectorInstance | Promise<ConnectorInstance>;
  /** A valid settings example (secrets as `{ env: NAME }`), used by the contract suite and docs. */
  exampleConfig: Record<string, unknown>;
}

/** Declares a connector. Identity function that pins the types. */
export function defineConnector<Config>(definition: ConnectorDefinition<Config>): ConnectorDefinition<Config> {
  return definition;
}
