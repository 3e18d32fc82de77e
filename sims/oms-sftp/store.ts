/**
 * In-memory state of the flat-file OMS: accepted orders by OMS number and hub
 * order id, the order files handled (and their names, so a name seen again is a
 * duplicate), parcels shipped per order, the status files written, and the
 * sequence numbers of ACK and STS file names.
 */
import type { ParsedOrder } from './order-file-parser.js';
import type { Parcel, ParcelHistory } from './status-rows.js';
import type { FileRecord, OmsSftpOrder, StatusFile } from './types.js';

export class SftpOmsStore implements ParcelHistory {
  readonly #orders: OmsSftpOrder[] = [];
  readonly #byNumber = new Map<string, OmsSftpOrder>();
  readonly #byHubId = new Map<string, OmsSftpOrder>();
  readonly #files: FileRecord[] = [];
  readonly #handledNames = new Set<string>();
  readonly #parcels = new Map<string, Parcel[]>();
  readonly #statusFiles: StatusFile[] = [];
  readonly #sequences = { ACK: 0, STS: 0 };

  /** Gives each parsed order the next OMS number and keeps it. */
  accept(file: string, parsed: ParsedOrder[]): OmsSftpOrder[] {
    const receivedAt = new Date().toISOString();
    return parsed.map((order) => {
      const omsOrderNumber = `OMS-${String(this.#orders.length + 1).padStart(6, '0')}`;
      const stored: OmsSftpOrder = { ...order, omsOrderNumber, file, receivedAt };
      this.#orders.push(stored);
      this.#byNumber.set(omsOrderNumber, stored);
      this.#byHubId.set(order.hubOrderId, stored);
      return stored;
    });
  }

  /** By OMS order number first, then by hub order id (the newest order with it). */
  findByRef(ref: string): OmsSftpOrder | undefined {
    return this.#byNumber.get(ref) ?? this.#byHubId.get(ref);
  }

  orders(): OmsSftpOrder[] {
    return this.#orders.map((order) => ({ ...order, shipTo: { ...order.shipTo }, lines: order.lines.map((line) => ({ ...line })) }));
  }

  hasHandled(name: string): boolean {
    return this.#handledNames.has(name);
  }

  recordFile(record: FileRecord): void {
    if (record.result !== 'duplicate') this.#handledNames.add(record.name);
    this.#files.push(record);
  }

  files(): FileRecord[] {
    return this.#files.map((record) => ({ ...record }));
  }

  parcelsOf(omsOrderNumber: string): Parcel[] {
    return [...(this.#parcels.get(omsOrderNumber) ?? [])];
  }

  addParcel(omsOrderNumber: string, parcel: Parcel): void {
    this.#parcels.set(omsOrderNumber, [...this.parcelsOf(omsOrderNumber), parcel]);
  }

  recordStatusFile(file: StatusFile): void {
    this.#statusFiles.push(file);
  }

  statusFiles(): StatusFile[] {
    return this.#statusFiles.map((file) => ({ ...file, rows: file.rows.map((row) => ({ ...row })) }));
  }

  /** `ACK_000001.txt`, `STS_000001.csv`, …: one sequence per kind. */
  nextName(kind: 'ACK' | 'STS'): string {
    this.#sequences[kind] += 1;
    return `${kind}_${String(this.#sequences[kind]).padStart(6, '0')}.${kind === 'ACK' ? 'txt' : 'csv'}`;
  }
}
