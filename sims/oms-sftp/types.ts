/**
 * Public types of the flat-file OMS simulator ("OMS flat files v1", see the last
 * section of docs/protocols.md): options, the orders and files it has seen, the
 * status files it writes, and the handle returned by `startOmsSftpSim`.
 */

export const SFTP_STATUSES = ['ALLOCATED', 'BACKORDERED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type SftpStatus = (typeof SFTP_STATUSES)[number];

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
  /** After an order file is acknowledged, emit ALLOCATED / SHIPPED for its orders after these delays. */
  autoProgress?: { allocateAfterMs?: number; shipAfterMs?: number };
  /** Default carrier of SHIPPED updates; default `UPS`. */
  carrier?: string;
  /** Bound of one SFTP operation before the connection is dropped; default 10 000. */
  operationTimeoutMs?: number;
  /** How long a failing outbox write is retried (reconnecting in between); default 30 000. */
  writeRetryMs?: number;
  /** Called with every log entry as it is recorded (the CLI prints them). */
  onLog?: (entry: SimLogEntry) => void;
}

export interface OmsSftpLine {
  number: number;
  sku: string;
  qty: number;
  /** Minor units. */
  unitPrice: number;
  description: string;
}

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
  /** Order total in minor units, as in the `O` record. */
  total: number;
  receivedAt: string;
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

/** One row of a status file; empty strings are empty CSV fields. */
export interface StatusRow {
  hubOrderId: string;
  omsOrderNumber: string;
  status: SftpStatus;
  lineNumber: string;
  quantity: string;
  carrier: string;
  trackingNumber: string;
  expectedDate: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  eventTime: string;
}

export interface StatusFile {
  name: string;
  rows: StatusRow[];
  /** The exact CSV text written. */
  content: string;
}

export type SimLogEvent =
  | 'connected' | 'disconnected' | 'connectFailed' | 'pollFailed'
  | 'fileAccepted' | 'fileRefused' | 'fileUnreadable' | 'duplicateFile' | 'moveFailed'
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
   */
  emitStatus(ref: string, status: SftpStatus, extra?: StatusExtra): Promise<StatusFile>;
  /** Several updates in ONE status file. */
  emitStatuses(list: StatusRequest[]): Promise<StatusFile>;
  /** Writes any content to `<outbox>/<name>`, in place. */
  writeRaw(name: string, content: Buffer | string, options?: WriteRawOptions): Promise<void>;
  /** Writes `<outbox>/<name>` in several appends with pauses in between. */
  writeSlowly(name: string, content: Buffer | string, options: WriteSlowlyOptions): Promise<void>;
  /** Stops polling the inbox (writes still go out) until `resume()`. */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}
