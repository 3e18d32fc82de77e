/**
 * Test and demo controls of the flat-file OMS: status files for known orders,
 * raw and slowly written outbox files, and bounded waits for orders and files.
 * Writes return promises that settle when the file is written; a failure is also
 * in the log, so a promise left unawaited never becomes an unhandled rejection.
 */
import { UnknownOrderError } from '../oms-xml/unknown-order-error.js';
import { Notifier, waitUntil } from '../shared/wait.js';
import type { SimLog } from './sim-log.js';
import { writeStatusFile } from './status-file.js';
import { eventTime, parcelFor, statusRows } from './status-rows.js';
import type { SftpOmsStore } from './store.js';
import type { OutboxWriter } from './outbox-writer.js';
import {
  SFTP_STATUSES, type FileRecord, type OmsSftpOrder, type OmsSftpSim, type StatusFile, type StatusRequest, type StatusRow,
} from './types.js';

export interface ControlsContext {
  store: SftpOmsStore;
  writer: OutboxWriter;
  log: SimLog;
  changed: Notifier;
  carrier: string;
  doneFiles: boolean;
  /** What each update does besides its row (the order's progress, the stock), before the file is written. */
  onStatus(order: OmsSftpOrder, request: StatusRequest): void;
}

export type OmsSftpControls = Pick<OmsSftpSim,
  'orders' | 'files' | 'statusFiles' | 'log' | 'waitForOrders' | 'waitForFiles' | 'emitStatus' | 'emitStatuses' | 'writeRaw' | 'writeSlowly'>;

export function createControls(context: ControlsContext): OmsSftpControls {
  const { store, writer, log, changed, doneFiles } = context;
  const emitStatuses = (list: StatusRequest[]): Promise<StatusFile> => emitInOneFile(context, list);
  return {
    orders: () => store.orders(),
    files: () => store.files(),
    statusFiles: () => store.statusFiles(),
    log: () => log.entries(),
    waitForOrders(count, timeoutMs = 10_000) {
      const probe = (): OmsSftpOrder[] | undefined => (store.orders().length >= count ? store.orders() : undefined);
      return waitUntil(probe, (listener) => changed.subscribe(listener), timeoutMs, `${count} OMS order(s)`);
    },
    waitForFiles(count, timeoutMs = 10_000) {
      const probe = (): FileRecord[] | undefined => (store.files().length >= count ? store.files() : undefined);
      return waitUntil(probe, (listener) => changed.subscribe(listener), timeoutMs, `${count} order file(s)`);
    },
    emitStatus: (ref, status, extra = {}) => emitStatuses([{ ...extra, ref, status }]),
    emitStatuses,
    writeRaw(name, content, options = {}) {
      const bytes = toBuffer(content);
      const written = options.partial ? bytes.subarray(0, options.partial.firstBytes) : bytes;
      return settledQuietly(writer.write(name, written, options.done ?? (doneFiles && !options.partial)));
    },
    writeSlowly(name, content, options) {
      return settledQuietly(writer.writeSlowly(name, toBuffer(content), options.chunks, options.delayMs, options.done ?? doneFiles));
    },
  };
}

/** Checks every request first (throws at once), then writes all rows as ONE status file. */
function emitInOneFile(context: ControlsContext, list: StatusRequest[]): Promise<StatusFile> {
  if (list.length === 0) throw new Error('a status file needs at least one update');
  const resolved = list.map((request) => ({ request, order: orderFor(context.store, request) }));
  const at = eventTime(new Date());
  const rows = resolved.flatMap(({ request, order }): StatusRow[] => {
    const parcel = parcelFor(order, request, context.carrier, context.store);
    if (request.status === 'SHIPPED' && parcel.carrier && parcel.trackingNumber) {
      context.store.addParcel(order.omsOrderNumber, { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber });
    }
    return statusRows(order, request, parcel, at);
  });
  for (const { request, order } of resolved) context.onStatus(order, request);
  return writeStatusFile(context, rows);
}

function orderFor(store: SftpOmsStore, request: StatusRequest): OmsSftpOrder {
  if (!(SFTP_STATUSES as readonly string[]).includes(request.status)) throw new Error(`unknown status "${request.status}"`);
  const order = store.findByRef(request.ref);
  if (!order) throw new UnknownOrderError(request.ref);
  return order;
}

/** Strings are written as UTF-8; pass a Buffer for any other encoding. */
function toBuffer(content: Buffer | string): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

/** The same promise, marked as handled (its failure is already in the log). */
function settledQuietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
