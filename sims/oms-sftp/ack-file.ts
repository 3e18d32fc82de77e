/**
 * Renders acknowledgement files: one 100-character `A` record per order, `Y` with
 * the OMS order number or `N` with a reason, the time as `YYYYMMDDHHMMSS` UTC,
 * ISO-8859-1 with CRLF after every record.
 */
import { compactTimestamp, padText } from './fixed-width.js';

export const ACK_RECORD_LENGTH = 100;

export type AckEntry =
  | { hubOrderId: string; accepted: true; omsOrderNumber: string }
  | { hubOrderId: string; accepted: false; reason: string };

export function renderAckRecord(entry: AckEntry, at: Date): string {
  const record = [
    'A',
    padText(entry.hubOrderId, 26),
    entry.accepted ? 'Y' : 'N',
    padText(entry.accepted ? entry.omsOrderNumber : '', 12),
    compactTimestamp(at),
    padText(entry.accepted ? '' : entry.reason, 46),
  ].join('');
  if (record.length !== ACK_RECORD_LENGTH) throw new Error(`ACK record of ${record.length} characters`);
  return record;
}

export function renderAckFile(entries: AckEntry[], at: Date): Buffer {
  return Buffer.from(entries.map((entry) => `${renderAckRecord(entry, at)}\r\n`).join(''), 'latin1');
}
