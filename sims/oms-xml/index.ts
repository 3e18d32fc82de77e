/**
 * The legacy OMS simulator ("OMS XML v1", docs/protocols.md): accepts XML
 * orders idempotently, emits status updates to a feed and as signed callbacks,
 * optionally keeps stock per SKU and DC and pushes it to the hub, and exposes
 * controls that inject failures, rejections and latency.
 */
import { setMaxListeners } from 'node:events';
import { Hono } from 'hono';
import { listen } from '../shared/http-server.js';
import { Notifier, waitUntil } from '../shared/wait.js';
import { AutoProgress } from './auto-progress.js';
import { Behaviour } from './behaviour.js';
import { CallbackSender, type SignedPostOptions } from './callback-sender.js';
import { createControlApi, type OmsControls } from './control-api.js';
import { createOmsApp } from './routes.js';
import { shipmentFor } from './shipment.js';
import { ChangeDesk } from './change-desk.js';
import { StockBook, StockError } from '../shared/stock-book.js';
import { StockFeed, stockUrlFor } from './stock-feed.js';
import { OmsStore, type NewUpdate } from './store.js';
import { UnknownOrderError } from './unknown-order-error.js';
import type {
  OmsOrder, OmsRequestLogEntry, OmsSim, OmsSimOptions, OmsStatus, StatusExtra, StatusUpdate, StockDocumentKind, StockItem,
} from './types.js';

export * from './types.js';
export { UnknownOrderError } from './unknown-order-error.js';
export { StockError } from '../shared/stock-book.js';
export { signOmsBody } from './callback-sender.js';
export { basicAuthHeader } from './basic-auth.js';
export { parseXml, textOf, childOf, listOf, attrOf } from './xml-parse.js';
export { upsCheckDigit } from './shipment.js';
export type { ChangeDecision } from './change-desk.js';

const DEFAULT_CALLBACK_SECRET = 'oms-callback-secret';

export async function startOmsSim(options: OmsSimOptions = {}): Promise<OmsSim> {
  const closing = new AbortController();
  // Every callback waiting to be retried listens for the close; hundreds may wait at once.
  setMaxListeners(0, closing.signal);
  const store = new OmsStore();
  const behaviour = new Behaviour();
  const log: OmsRequestLogEntry[] = [];
  const ordersChanged = new Notifier();
  const orderListeners = new Set<(order: OmsOrder) => void>();
  const sender = options.callbackUrl ? createSender(options, options.callbackUrl, closing.signal) : undefined;
  const carrier = options.carrier ?? 'UPS';
  const stockBook = options.stock ? new StockBook(options.stock) : undefined;
  const stockUrl = options.stock?.pushUrl ?? (options.stock && options.callbackUrl ? stockUrlFor(options.callbackUrl) : undefined);
  const stockFeed = stockUrl ? new StockFeed(signedPostOptions(options, stockUrl, closing.signal)) : undefined;

  /** Sends a stock document when there is somewhere to send it; resolves once delivered or given up. */
  function publishStock(kind: StockDocumentKind, items: StockItem[]): Promise<void> {
    return stockFeed?.publish(kind, items) ?? Promise.resolve();
  }

  function requireStock(): StockBook {
    if (!stockBook) throw new StockError('this OMS simulator keeps no stock (start it with the stock option)', 'not-configured');
    return stockBook;
  }

  /** Cancelled or rejected orders put their units back; shipped units are gone for good. */
  function applyStatusToStock(omsOrderNumber: string, status: OmsStatus, extra: StatusExtra): void {
    if (!stockBook) return;
    if (status === 'CANCELLED' || status === 'REJECTED') {
      const changed = stockBook.release(omsOrderNumber, extra.lines);
      if (changed.length > 0) void publishStock('delta', changed);
    } else if (status === 'SHIPPED' || status === 'DELIVERED') {
      stockBook.consume(omsOrderNumber, extra.lines);
    }
  }

  function emitStatus(ref: string, status: OmsStatus, extra: StatusExtra = {}): StatusUpdate {
    const order = store.findByRef(ref);
    if (!order) throw new UnknownOrderError(ref);
    const update = store.appendUpdate(buildUpdate(order, status, extra, carrier, store.updates()));
    sender?.send(update);
    applyStatusToStock(order.omsOrderNumber, status, extra);
    return update;
  }

  const changeDesk = new ChangeDesk(stockBook, (items) => void publishStock('delta', items));

  const progress = options.autoProgress ? new AutoProgress(options.autoProgress, emitStatus) : undefined;

  const controls: OmsControls = {
    orders: () => store.orders(),
    requests: () => log.map((entry) => ({ ...entry })),
    failNext: (count, status = 500, body) => behaviour.failNext(count, status, body),
    rejectAll: (code, message) => behaviour.rejectAll(code, message),
    acceptAll: () => behaviour.acceptAll(),
    delayNext: (ms) => behaviour.delayNext(ms),
    hangNext: () => behaviour.hangNext(),
    onOrder(listener) {
      orderListeners.add(listener);
      return () => orderListeners.delete(listener);
    },
    waitForOrders(count, timeoutMs = 5000) {
      const probe = (): OmsOrder[] | undefined => (store.orders().length >= count ? store.orders() : undefined);
      return waitUntil(probe, (listener) => ordersChanged.subscribe(listener), timeoutMs, `${count} OMS order(s)`);
    },
    emitStatus,
    statusUpdates: () => store.updates(),
    duplicateCallbacks: (on) => sender?.duplicateCallbacks(on),
    callbacks: () => sender?.records() ?? [],
    callbacksSettled: (timeoutMs = 10_000) => sender?.settled(timeoutMs) ?? Promise.resolve(),
    stock: () => stockBook?.items() ?? [],
    setStock(item) {
      const saved = requireStock().set(item);
      void publishStock('delta', [saved]);
      return saved;
    },
    async pushSnapshot() {
      await publishStock('snapshot', requireStock().items());
    },
    stockPushes: () => stockFeed?.pushes() ?? [],
    refuseNextChange: (reason) => changeDesk.refuseNext(reason),
    changeDecisions: () => changeDesk.decisions(),
    stockPushesSettled: (timeoutMs = 10_000) => stockFeed?.settled(timeoutMs) ?? Promise.resolve(),
  };

  const app = new Hono();
  if (options.controlApi) app.route('/_sim', createControlApi(controls));
  const omsApp = createOmsApp({
    store, behaviour, log, changes: changeDesk, basicAuth: options.basicAuth, signal: closing.signal,
    duplicateHubOrderId: options.duplicateHubOrderId ?? 'reject',
    onCreated(order) {
      if (stockBook) {
        const { allocation, changed } = stockBook.allocate(order.omsOrderNumber, order.lines);
        store.attachAllocation(order.omsOrderNumber, allocation);
        if (changed.length > 0) void publishStock('delta', changed);
      }
      progress?.schedule(order.omsOrderNumber, { pickup: order.pickup !== undefined });
      for (const listener of orderListeners) listener(order);
      ordersChanged.notify();
    },
  });
  app.route('/', omsApp);

  const running = await listen(app, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  return {
    ...controls,
    url: running.url,
    async close() {
      closing.abort();
      progress?.stop();
      await running.close();
    },
  };
}

function createSender(options: OmsSimOptions, url: string, signal: AbortSignal): CallbackSender {
  return new CallbackSender(signedPostOptions(options, url, signal));
}

/** Status callbacks and stock documents share the secret and the retry settings. */
function signedPostOptions(options: OmsSimOptions, url: string, signal: AbortSignal): SignedPostOptions {
  return {
    url, signal,
    secret: options.callbackSecret ?? DEFAULT_CALLBACK_SECRET,
    attempts: options.callbackRetry?.attempts ?? 5,
    baseDelayMs: options.callbackRetry?.baseDelayMs ?? 200,
    maxDelayMs: options.callbackRetry?.maxDelayMs ?? 60_000,
    timeoutMs: options.callbackRetry?.timeoutMs ?? 5000,
  };
}

/** Fills in the shipment defaults (carrier, tracking number and URL) of SHIPPED updates. */
function buildUpdate(order: OmsOrder, status: OmsStatus, extra: StatusExtra, carrier: string, previous: StatusUpdate[]): NewUpdate {
  const update: NewUpdate = { omsOrderNumber: order.omsOrderNumber, hubOrderId: order.hubOrderId, status };
  if (extra.lines && extra.lines.length > 0) update.lines = extra.lines.map((line) => ({ ...line }));
  if (status === 'SHIPPED' || extra.carrier || extra.trackingNumber) {
    const shipments = previous.filter((u) => u.omsOrderNumber === order.omsOrderNumber && u.shipment).length;
    const seed = Number(order.omsOrderNumber.replace(/\D/g, '')) * 100 + shipments;
    update.shipment = shipmentFor(extra.carrier ?? carrier, seed, extra.trackingNumber, extra.trackingUrl);
  }
  if (extra.expectedDate) update.expectedDate = extra.expectedDate;
  if (extra.reason) update.reason = extra.reason;
  return update;
}
