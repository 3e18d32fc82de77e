/**
 * In-memory state of the flat-file OMS: accepted orders by OMS number and hub
 * order id, the order files handled (and their names, so a name seen again is a
 * duplicate), the change files handled (and their change ids, so a change is applied
 * once), parcels shipped per order, the status and stock files written, and the
 * sequence numbers of ACK, STS and STOCK file names.
 */
import type { ParsedOrder } from './order-file-parser.js';
import type { Parcel, ParcelHistory } from './status-rows.js';
import type { ChangeRecord, FileRecord, OmsSftpOrder, StatusFile, StockFile } from './types.js';

export class SftpOmsStore implements ParcelHistory {
  readonly #orders: OmsSftpOrder[] = [];
  readonly #byNumber = new Map<string, OmsSftpOrder>();
  readonly #byHubId = new Map<string, OmsSftpOrder>();
  readonly #files: FileRecord[] = [];
  readonly #handledNames = new Set<string>();
  readonly #parcels = new Map<string, Parcel[]>();
  readonly #statusFiles: StatusFile[] = [];
  readonly #changes: ChangeRecord[] = [];
  readonly #changeIds = new Set<string>();
  readonly #stockFiles: StockFile[] = [];
  readonly #sequences = { ACK: 0, STS: 0, STOCK: 0 };

  /** Gives each parsed order the next OMS number and keeps it. */
  accept(file: string, parsed: ParsedOrder[]): OmsSftpOrder[] {
    const receivedAt = new Date().toISOString();
    return parsed.map((order) => {
      const omsOrderNumber = `OMS-${String(this.#orders.length + 1).padStart(6, '0')}`;
      const lines = order.lines.map((line) => ({ ...line, shipped: 0, cancelled: 0 }));
      const stored: OmsSftpOrder = { ...order, lines, omsOrderNumber, file, receivedAt, state: 'open', changes: [] };
      this.#orders.push(stored);
      this.#byNumber.set(omsOrderNumber, stored);
      this.#byHubId.set(order.hubOrderId, stored);
      return stored;
    });
  }

  /** By OMS order number first, then by hub order id (the newest order with it): the live order, to change in place. */
  findByRef(ref: string): OmsSftpOrder | undefined {
    return this.#byNumber.get(ref) ?? this.#byHubId.get(ref);
  }

  orders(): OmsSftpOrder[] {
    return this.#orders.map((order) => ({
      ...order, shipTo: { ...order.shipTo }, lines: order.lines.map((line) => ({ ...line })), changes: [...order.changes],
    }));
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

  /** 1, 2, 3 …: snapshots and deltas share the count. */
  nextStockSequence(): number {
    this.#sequences.STOCK += 1;
    return this.#sequences.STOCK;
  }

  hasChange(changeId: string): boolean {
    return this.#changeIds.has(changeId);
  }

  /** Records a handled change file; its change id counts as handled unless it was a duplicate. */
  recordChange(record: ChangeRecord): void {
    if (record.changeId && record.result !== 'duplicate') this.#changeIds.add(record.changeId);
    this.#changes.push(record);
  }

  changes(): ChangeRecord[] {
    return this.#changes.map((record) => ({ ...record }));
  }

  recordStockFile(file: StockFile): void {
    this.#stockFiles.push(file);
  }

  stockFiles(): StockFile[] {
    return this.#stockFiles.map((file) => ({ ...file, items: file.items.map((item) => ({ ...item })) }));
  }
}
