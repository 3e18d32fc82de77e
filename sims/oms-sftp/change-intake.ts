/**
 * Takes in one change file (`CHG_<changeId>.csv`): downloads and reads it, applies the
 * change once per change id (a change id seen before is a duplicate: logged, not
 * answered again), and answers in ONE status file: CHANGE_ACCEPTED, followed by
 * CANCELLED when the change cancelled the whole order, or CHANGE_REFUSED with the
 * reason (a file that cannot be read is refused too, when it names its change). Stock
 * the change moved goes out as a delta file after the answer. Answers where the file
 * belongs afterwards: `processed`, `duplicate`, or `rejected` when it names no change
 * or no order to answer for.
 */
import { applyChange } from './change-apply.js';
import { parseChangeFile, type ChangeFile } from './change-file.js';
import { judgeChange } from './change-judge.js';
import type { SftpLink } from './sftp-link.js';
import type { SimLog } from './sim-log.js';
import type { StockBook } from '../shared/stock-book.js';
import { eventTime } from './status-rows.js';
import type { SftpOmsStore } from './store.js';
import type { ChangeAnswerStatus, ChangeRecord, OmsSftpOrder, StatusFile, StatusRow, StockItem } from './types.js';

export interface ChangeIntakeOptions {
  link: SftpLink;
  store: SftpOmsStore;
  log: SimLog;
  inbox: string;
  stock: StockBook | undefined;
  /** Writes one status file with these rows; resolves once it is written. */
  writeStatusRows(rows: StatusRow[]): Promise<StatusFile>;
  /** Writes a delta file (in the background). */
  writeStockDelta(items: StockItem[]): void;
  /** A reason to refuse the next change with whatever it asks (refuseNextChange), taken once. */
  takeForcedRefusal(): string | undefined;
  /** Called after a change file was handled. */
  onChange(record: ChangeRecord): void;
}

export type ChangeFolder = 'processed' | 'duplicate' | 'rejected';

interface OrderRefs {
  omsOrderNumber?: string;
  hubOrderId?: string;
}

interface Answer {
  status: ChangeAnswerStatus;
  reason?: string;
  cancelled?: string;
}

export async function takeChangeFile(options: ChangeIntakeOptions, name: string): Promise<ChangeFolder> {
  const content = await options.link.run(`read ${name}`, (client) => client.get(`${options.inbox}/${name}`));
  if (!Buffer.isBuffer(content)) throw new Error(`reading ${name} gave no data`);
  const reading = parseChangeFile(content);
  const refs = reading.readable ? reading.change : reading;
  const ref = refs.omsOrderNumber || refs.hubOrderId || undefined;
  const base = { file: name, ...(refs.changeId ? { changeId: refs.changeId } : {}), ...(ref ? { ref } : {}) };
  if (!refs.changeId || !ref) {
    finish(options, { ...base, result: 'unreadable', reason: reading.readable ? 'no change_id' : reading.reason, at: now() });
    return 'rejected';
  }
  if (options.store.hasChange(refs.changeId)) {
    finish(options, { ...base, result: 'duplicate', reason: 'DUPLICATE_CHANGE', at: now() });
    return 'duplicate';
  }
  const order = ref ? findOrder(options.store, refs) : undefined;
  const decision: Decision = reading.readable ? decide(options, order, reading.change) : { answer: { status: 'CHANGE_REFUSED', reason: reading.reason }, moved: [] };
  const { answer } = decision;
  const result = reading.readable ? (answer.status === 'CHANGE_ACCEPTED' ? 'accepted' : 'refused') : 'unreadable';
  const written = options.writeStatusRows(answerRows(order, refs, refs.changeId, answer));
  if (decision.moved.length > 0) options.writeStockDelta(decision.moved);
  const statusFile = await written.then((file) => file.name, () => undefined);
  finish(options, { ...base, result, ...(answer.reason ? { reason: answer.reason } : {}), ...(statusFile ? { statusFile } : {}), at: now() });
  return 'processed';
}

interface Decision {
  answer: Answer;
  /** Stock items the change moved. */
  moved: StockItem[];
}

/** Judges the change and, when it may be applied, applies it. */
function decide(options: ChangeIntakeOptions, order: OmsSftpOrder | undefined, change: ChangeFile): Decision {
  const reason = options.takeForcedRefusal() ?? judgeChange(order, change, options.stock);
  if (reason !== undefined || !order) return { answer: { status: 'CHANGE_REFUSED', reason: reason ?? 'UNKNOWN_ORDER' }, moved: [] };
  const stock = options.stock;
  const moved = stock ? stock.tracking(() => applyChange(order, change, stock)) : (applyChange(order, change, undefined), []);
  const cancel = change.operations.find((operation) => operation.op === 'CANCEL_ORDER');
  return { answer: cancel ? { status: 'CHANGE_ACCEPTED', cancelled: cancel.reason } : { status: 'CHANGE_ACCEPTED' }, moved };
}

/** The answer row (with the change id), and CANCELLED after it when the whole order was cancelled. */
function answerRows(order: OmsSftpOrder | undefined, refs: OrderRefs, changeId: string, answer: Answer): StatusRow[] {
  const row = answerRow(order, refs, eventTime(new Date()));
  const rows: StatusRow[] = [{ ...row, status: answer.status, changeId, reason: answer.reason ?? '' }];
  if (answer.cancelled !== undefined) rows.push({ ...row, status: 'CANCELLED', changeId: '', reason: answer.cancelled });
  return rows;
}

function answerRow(order: OmsSftpOrder | undefined, refs: OrderRefs, at: string): Omit<StatusRow, 'status'> {
  return {
    hubOrderId: order?.hubOrderId ?? refs.hubOrderId ?? '', omsOrderNumber: order?.omsOrderNumber ?? refs.omsOrderNumber ?? '',
    lineNumber: '', quantity: '', carrier: '', trackingNumber: '', expectedDate: '', eventTime: at,
  };
}

function findOrder(store: SftpOmsStore, refs: OrderRefs): OmsSftpOrder | undefined {
  return (refs.omsOrderNumber ? store.findByRef(refs.omsOrderNumber) : undefined) ?? (refs.hubOrderId ? store.findByRef(refs.hubOrderId) : undefined);
}

function finish(options: ChangeIntakeOptions, record: ChangeRecord): void {
  options.store.recordChange(record);
  const event = record.result === 'accepted' ? 'changeAccepted' : record.result === 'refused' ? 'changeRefused'
    : record.result === 'duplicate' ? 'duplicateChange' : 'changeUnreadable';
  options.log.record(event, { file: record.file, detail: [record.changeId, record.reason].filter(Boolean).join(': ') });
  options.onChange(record);
}

function now(): string {
  return new Date().toISOString();
}
