/**
 * Public types of the flat-file OMS simulator ("OMS flat files v1", see the last
 * section of docs/protocols.md): options, the orders, files and change requests it has
 * seen, the status and stock files it writes, and the handle returned by `startOmsSftpSim`.
 */
import type { StockBookOptions, StockItem } from '../shared/stock-book.js';

export type { StockItem } from '../shared/stock-book.js';

export const SFTP_STATUSES = ['ALLOCATED', 'BACKORDERED', 'READY_FOR_PICKUP', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type SftpStatus = (typeof SFTP_STATUSES)[number];

/** How the OMS answers a change request, in a status row with the change id. */
export type ChangeAnswerStatus = 'CHANGE_ACCEPTED' | 'CHANGE_REFUSED';

export interface SftpConnection {
  host: string;
  port: number;
  username: string;
  /** PEM / OpenSSH private key text. */
  privateKey?: string;
  password?: string;
  /** `SHA256:<base64>` as printed by `ssh-keygen -lf`; without it any host key is accepted. */
  hostKeyFingerprint?: string;
}

export interface OmsSftpSimOptions {
  sftp: SftpConnection;
  /** Where the hub drops order files; default `/inbox`. */
  inbox?: string;
  /** Where the simulator writes ACK and STS files; default `/outbox`. */
  outbox?: string;
  /** Default 200. */
  pollIntervalMs?: number;
  /** Write an empty `<name>.done` after each file written to the outbox. Default false. */
  doneFiles?: boolean;
  /** After an order file is acknowledged, emit ALLOCATED / SHIPPED (READY_FOR_PICKUP for a pickup order) for its orders after these delays. */
  autoProgress?: { allocateAfterMs?: number; shipAfterMs?: number };
  /** Default carrier of SHIPPED updates; default `UPS`. */
  carrier?: string;
  /** Bound of one SFTP operation before the connection is dropped; default 10 000. */
  operationTimeoutMs?: number;
  /** How long a failing outbox write is retried (reconnecting in between); default 30 000. */
  writeRetryMs?: number;
  /** Called with every log entry as it is recorded (the CLI prints them). */
  onLog?: (entry: SimLogEntry) => void;
  /**
   * Keep stock per SKU and distribution centre: allocate new orders from it, move it
   * with accepted changes and cancellations, refuse a change to a SKU no DC has, and
   * write stock files to the outbox ("Stock files" in docs/protocols.md). Without it the
   * simulator keeps no stock and writes no stock files of its own.
   */
  stock?: OmsSftpStockOptions;
}

export interface OmsSftpStockOptions extends StockBookOptions {
  /** Starting stock; each SKU×DC at most once, every `dc` one of `dcs`. */
  items: StockItem[];
}

export type StockFileKind = 'snapshot' | 'delta';

/** One stock file the simulator wrote. */
export interface StockFile {
  /** `STOCK_<yyyymmddhhmmss>_<sequence>_SNAPSHOT.csv` or `…_DELTA.csv`. */
  name: string;
  kind: StockFileKind;
  sequence: number;
  /** When the stock had these values (ISO 8601 with milliseconds), the as_of of every row. */
  asOf: string;
  /** As written: `expectedDate` only on items with `onHand` 0. */
  items: StockItem[];
  /** The exact CSV text written. */
  content: string;
}

export interface OmsSftpLine {
  number: number;
  sku: string;
  /** Units ordered, cancelled ones included. */
  qty: number;
  /** Minor units. */
  unitPrice: number;
  description: string;
  /** Units reported SHIPPED so far. */
  shipped: number;
  /** Units cancelled (a CANCELLED status or an accepted change). */
  cancelled: number;
}

/** `open` until every unit shipped (`shipped`) or the whole order was cancelled (`cancelled`). */
export type OmsSftpOrderState = 'open' | 'shipped' | 'cancelled';

export interface OmsSftpShipTo {
  name: string;
  street1: string;
  street2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface OmsSftpOrder {
  omsOrderNumber: string;
  hubOrderId: string;
  /** Name of the order file it came in. */
  file: string;
  confirmation: string;
  orderDate: string;
  channel: string;
  currency: string;
  shipVia: string;
  shipTo: OmsSftpShipTo;
  lines: OmsSftpLine[];
  /** Order total in minor units, as in the `O` record (moved by accepted changes). */
  total: number;
  /** The customer collects the order in a store (`P` at 198 of the `O` record): auto-progress reports it READY_FOR_PICKUP, not SHIPPED. */
  pickup: boolean;
  receivedAt: string;
  state: OmsSftpOrderState;
  /** Change ids applied to this order, oldest first. */
  changes: string[];
}

export type FileResult = 'accepted' | 'refused' | 'duplicate' | 'unreadable';

export interface FileRecord {
  name: string;
  result: FileResult;
  /** Orders acknowledged (`Y` when accepted, `N` when refused); 0 for duplicate and unreadable files. */
  orders: number;
  /** Why the file was refused or could not be read, e.g. `TRAILER_MISMATCH detail-count 749 != 750`. */
  reason?: string;
  /** The ACK file written for it, if any. */
  ackFile?: string;
  at: string;
}

export interface StatusExtra {
  lines?: Array<{ number: number; qty: number }>;
  carrier?: string;
  trackingNumber?: string;
  /** `YYYY-MM-DD`. */
  expectedDate?: string;
}

export interface StatusRequest extends StatusExtra {
  /** Hub order id or OMS order number. */
  ref: string;
  status: SftpStatus;
}

/**
 * One row of a status file; empty strings are empty CSV fields. A file whose rows have
 * a `changeId` or `reason` has the two extra columns change_id and reason.
 */
export interface StatusRow {
  hubOrderId: string;
  omsOrderNumber: string;
  status: SftpStatus | ChangeAnswerStatus;
  lineNumber: string;
  quantity: string;
  carrier: string;
  trackingNumber: string;
  expectedDate: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  eventTime: string;
  changeId?: string;
  reason?: string;
}

export interface StatusFile {
  name: string;
  rows: StatusRow[];
  /** The exact CSV text written. */
  content: string;
}

export type ChangeResult = 'accepted' | 'refused' | 'duplicate' | 'unreadable';

/** One change file the simulator handled. */
export interface ChangeRecord {
  /** The CHG file's name. */
  file: string;
  /** Absent when the file did not say (unreadable). */
  changeId?: string;
  /** The OMS order number, else the hub order id, the file named. */
  ref?: string;
  result: ChangeResult;
  /** Why it was refused or could not be read, e.g. `LINE_SHIPPED line 1`. */
  reason?: string;
  /** The status file that answered it (none for duplicates and files without a change id). */
  statusFile?: string;
  at: string;
}

export type SimLogEvent =
  | 'connected' | 'disconnected' | 'connectFailed' | 'pollFailed'
  | 'fileAccepted' | 'fileRefused' | 'fileUnreadable' | 'duplicateFile' | 'moveFailed'
  | 'changeAccepted' | 'changeRefused' | 'changeUnreadable' | 'duplicateChange'
  | 'fileWritten' | 'writeFailed' | 'autoProgressFailed';

export interface SimLogEntry {
  at: string;
  event: SimLogEvent;
  file?: string;
  detail?: string;
}

export interface WriteRawOptions {
  /** Write only the first bytes of `content` (a truncated file). */
  partial?: { firstBytes: number };
  /** Follow with `<name>.done`; default: the `doneFiles` option, but never for a partial file. */
  done?: boolean;
}

export interface WriteSlowlyOptions {
  /** Number of writes (the first creates the file, the others append). */
  chunks: number;
  /** Pause between two writes. */
  delayMs: number;
  /** Follow with `<name>.done` after the last chunk; default: the `doneFiles` option. */
  done?: boolean;
}

export interface OmsSftpSim {
  /** Orders accepted so far, oldest first. */
  orders(): OmsSftpOrder[];
  /** Order files seen so far (including duplicates), in the order they were handled. */
  files(): FileRecord[];
  /** Status files written so far. */
  statusFiles(): StatusFile[];
  log(): SimLogEntry[];
  waitForOrders(count: number, timeoutMs?: number): Promise<OmsSftpOrder[]>;
  waitForFiles(count: number, timeoutMs?: number): Promise<FileRecord[]>;
  /**
   * Writes one status file for one order. Throws `UnknownOrderError` at once for an
   * unknown reference; the promise settles when the file (and its done file) is written.
   * SHIPPED and CANCELLED also count on the order's lines (what a change may still
   * touch: ship an order, or some of its lines, to see changes to them refused) and
   * move the stock (CANCELLED puts units back, with a delta file).
   */
  emitStatus(ref: string, status: SftpStatus, extra?: StatusExtra): Promise<StatusFile>;
  /** Several updates in ONE status file. */
  emitStatuses(list: StatusRequest[]): Promise<StatusFile>;
  /** Writes any content to `<outbox>/<name>`, in place. */
  writeRaw(name: string, content: Buffer | string, options?: WriteRawOptions): Promise<void>;
  /** Writes `<outbox>/<name>` in several appends with pauses in between. */
  writeSlowly(name: string, content: Buffer | string, options: WriteSlowlyOptions): Promise<void>;
  /** Change files handled so far (duplicates and unreadable ones included), oldest first. */
  changes(): ChangeRecord[];
  waitForChanges(count: number, timeoutMs?: number): Promise<ChangeRecord[]>;
  /** The next change file with a new change id is refused with `reason` (default `REFUSED_BY_OMS`), whatever it asks. */
  refuseNextChange(reason?: string): void;
  /** Current stock of every SKU×DC, in the order they became known; empty without the `stock` option. */
  stock(): StockItem[];
  /**
   * Sets one SKU×DC to an absolute quantity (a delivery arrived, a count was corrected)
   * and writes a delta file with it. Throws a `StockError` at once for an unknown DC or
   * a bad value, or when the sim keeps no stock; resolves once the file is written.
   */
  setStock(item: StockItem): Promise<StockFile>;
  /** Writes a snapshot file of every SKU×DC. Rejects when the sim keeps no stock. */
  writeStockSnapshot(): Promise<StockFile>;
  /**
   * Writes a delta file with exactly these items, as of `asOf` (default now), without
   * changing the simulator's stock: a late or replayed delta, for tests.
   */
  writeStockDelta(items: StockItem[], options?: { asOf?: string }): Promise<StockFile>;
  /** Stock files written so far, oldest first. */
  stockFiles(): StockFile[];
  /** Stops polling the inbox (writes still go out) until `resume()`. */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}
