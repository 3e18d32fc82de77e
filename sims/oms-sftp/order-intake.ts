/**
 * Takes in one new order file: downloads it, checks it, gives each order of an
 * accepted file an OMS number, and writes ONE ACK file for it (`Y` records, or `N`
 * records with the first problem found when the file does not add up). Answers the
 * folder the file belongs in afterwards: `processed`, or `rejected` when it could
 * not be read at all (no ACK then).
 */
import { renderAckFile, type AckEntry } from './ack-file.js';
import { parseOrderFile, type ParsedOrder } from './order-file-parser.js';
import { messageOf, type SimLog } from './sim-log.js';
import type { SftpLink } from './sftp-link.js';
import type { SftpOmsStore } from './store.js';
import type { OutboxWriter } from './outbox-writer.js';
import type { FileRecord, OmsSftpOrder } from './types.js';

export interface OrderIntakeOptions {
  link: SftpLink;
  store: SftpOmsStore;
  writer: OutboxWriter;
  log: SimLog;
  inbox: string;
  doneFiles: boolean;
  /** Called after a file was handled (the ACK is written). */
  onFile(record: FileRecord, accepted: OmsSftpOrder[]): void;
}

export type IntakeFolder = 'processed' | 'rejected';

export async function takeOrderFile(options: OrderIntakeOptions, name: string): Promise<IntakeFolder> {
  const content = await options.link.run(`read ${name}`, (client) => client.get(`${options.inbox}/${name}`));
  if (!Buffer.isBuffer(content)) throw new Error(`reading ${name} gave no data`);
  const reading = parseOrderFile(content);
  if (!reading.readable) {
    finish(options, { name, result: 'unreadable', orders: 0, reason: reading.reason, at: now() }, []);
    return 'rejected';
  }
  const reason = reading.problems[0];
  const accepted = reason === undefined ? options.store.accept(name, reading.orders) : [];
  const entries = reason === undefined ? acceptedEntries(accepted) : refusedEntries(reading.orders, reason);
  const ackFile = await writeAck(options, entries);
  const result = reason === undefined ? 'accepted' : 'refused';
  finish(options, { name, result, orders: entries.length, ...(reason === undefined ? {} : { reason }), ackFile, at: now() }, accepted);
  return 'processed';
}

function acceptedEntries(orders: OmsSftpOrder[]): AckEntry[] {
  return orders.map((order) => ({ hubOrderId: order.hubOrderId, accepted: true, omsOrderNumber: order.omsOrderNumber }));
}

function refusedEntries(orders: ParsedOrder[], reason: string): AckEntry[] {
  return orders.map((order) => ({ hubOrderId: order.hubOrderId, accepted: false, reason }));
}

/** Writes the ACK file; a write that finally fails is logged (the ACK is lost, as after an OMS crash). */
async function writeAck(options: OrderIntakeOptions, entries: AckEntry[]): Promise<string> {
  const ackFile = options.store.nextName('ACK');
  await options.writer.write(ackFile, renderAckFile(entries, new Date()), options.doneFiles).catch((error: unknown) => {
    options.log.record('writeFailed', { file: ackFile, detail: `gave up: ${messageOf(error)}` });
  });
  return ackFile;
}

function finish(options: OrderIntakeOptions, record: FileRecord, accepted: OmsSftpOrder[]): void {
  options.store.recordFile(record);
  const event = record.result === 'accepted' ? 'fileAccepted' : record.result === 'refused' ? 'fileRefused' : 'fileUnreadable';
  const detail = record.reason ? `${record.orders} order(s): ${record.reason}` : `${record.orders} order(s)`;
  options.log.record(event, { file: record.name, detail });
  options.onFile(record, accepted);
}

function now(): string {
  return new Date().toISOString();
}
