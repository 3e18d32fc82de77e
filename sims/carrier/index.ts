/**
 * The parcel carrier simulator ("ParcelCo"): a carrier's JSON API on loopback, for
 * tests and the demo. With `Authorization: Bearer <apiKey>`: rates (`POST /v1/rates`),
 * labels bought once per Idempotency-Key (`POST /v1/shipments`, PDF or ZPL, tracking
 * numbers in UPS, FedEx, USPS or DHL format with real check digits), voids before
 * pickup and tracking (`GET /v1/tracking/…`). Every tracking event is POSTed to the
 * webhook URL, signed (`ParcelCo-Signature`) and retried. Nothing moves by itself
 * unless `autoProgress` is on: tests drive parcels with `addEvent`/`advance` or the
 * control API under `/_sim/`, and inject rate limits, outages and webhook misbehaviour.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { listen } from '../shared/http-server.js';
import { createCarrierApp } from './app.js';
import { AutoProgress } from './auto-progress.js';
import type { CarrierControls } from './control-api.js';
import { nextStep } from './default-steps.js';
import { CarrierFaults } from './faults.js';
import { IdempotencyLedger } from './idempotency.js';
import { ProblemError } from './problem.js';
import { ShipmentBook, type ParcelRecord } from './shipment-book.js';
import { TrackingIssuer } from './tracking-issuer.js';
import type { CarrierRequestLogEntry, CarrierSim, CarrierSimOptions, CarrierWebhookOptions, TrackingEvent } from './types.js';
import { shipmentView, publicEvent, trackingView } from './views.js';
import { webhookBody } from './webhook-body.js';
import { WebhookSender } from './webhook-sender.js';

export * from './types.js';
export {
  makeTrackingNumber, validTrackingNumber, trackingUrl, normalizeTrackingNumber, TRACKING_FORMATS, type TrackingNumberOptions,
} from './tracking-numbers.js';
export { signWebhook, verifyWebhookSignature, parseSignatureHeader, SIGNATURE_HEADER, type VerifyOptions } from './webhook-signature.js';
export { EVENT_CODES, EVENT_DESCRIPTIONS, statusOf, statusAfter } from './event-codes.js';
export { quoteRates, SERVICE_LEVELS } from './rates.js';
export { ProblemError, type Problem } from './problem.js';

export async function startCarrierSim(options: CarrierSimOptions = {}): Promise<CarrierSim> {
  const closing = new AbortController();
  // Every webhook waiting to be retried listens for the close; many may wait at once.
  setMaxListeners(0, closing.signal);
  const now = options.now ?? (() => new Date());
  const apiKey = options.apiKey ?? `pc_test_${randomBytes(16).toString('hex')}`;
  const format = options.format ?? 'ups';
  const faults = new CarrierFaults();
  const log: CarrierRequestLogEntry[] = [];
  const sender = options.webhook ? createSender(options.webhook, faults, closing.signal) : undefined;
  const book = new ShipmentBook(now, (parcel, event) => sender?.send(webhookBody(parcel, event)));
  const issuer = new TrackingIssuer(format, options.firstSerial ?? randomInt(1, 5_000_000), options.shipperNumber);

  function advance(parcel: ParcelRecord): TrackingEvent | undefined {
    const step = nextStep(parcel.events, parcel.shipment);
    return step ? publicEvent(book.append(parcel.trackingNumber, step)) : undefined;
  }

  const controls: CarrierControls = {
    addEvent: (trackingNumber, event) => publicEvent(book.append(trackingNumber, event)),
    advance(trackingNumber) {
      const parcel = book.parcel(trackingNumber);
      if (!parcel) throw new ProblemError(404, 'TRACKING_NOT_FOUND', `no parcel with tracking number ${trackingNumber}`);
      return advance(parcel);
    },
    setFaults: (settings) => faults.set(settings, Date.now()),
    faults: () => faults.view(Date.now()),
    shipments: () => book.list().map(shipmentView),
    shipment(shipmentId) {
      const shipment = book.find(shipmentId);
      return shipment ? shipmentView(shipment) : undefined;
    },
    tracking(trackingNumber) {
      const parcel = book.parcel(trackingNumber);
      return parcel ? trackingView(parcel) : undefined;
    },
    requests: () => log.map((entry) => ({ ...entry })),
    webhooks: () => sender?.deliveries() ?? [],
    webhooksSettled: (timeoutMs = 10_000) => sender?.settled(timeoutMs) ?? Promise.resolve(),
  };

  const progress = options.autoProgress
    ? new AutoProgress(options.autoProgress.stepMs, () => {
      for (const parcel of book.parcels()) advance(parcel);
    })
    : undefined;
  const app = createCarrierApp({ apiKey, book, issuer, ledger: new IdempotencyLedger(), faults, log, controls, now });
  const running = await listen(app, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' }).catch((error: unknown) => {
    progress?.stop();
    throw error;
  });
  return {
    ...controls,
    url: running.url,
    apiKey,
    format,
    async close() {
      progress?.stop();
      sender?.stop();
      closing.abort();
      await running.close();
    },
  };
}

function createSender(webhook: CarrierWebhookOptions, faults: CarrierFaults, signal: AbortSignal): WebhookSender {
  return new WebhookSender({
    url: webhook.url,
    secret: webhook.secret,
    attempts: webhook.attempts ?? 6,
    baseDelayMs: webhook.baseDelayMs ?? 200,
    maxDelayMs: webhook.maxDelayMs ?? 30_000,
    timeoutMs: webhook.timeoutMs ?? 5000,
    shuffleWindowMs: webhook.shuffleWindowMs ?? 250,
    faults,
    signal,
  });
}
