/**
 * Renders status files: UTF-8 CSV with the header row of the spec, CRLF line ends,
 * and RFC 4180 quoting (a field with a comma, quote or line break is wrapped in
 * double quotes, inner quotes doubled). A file with answers to change requests (or
 * any row with a reason) has two more columns, change_id and reason; the others keep
 * the original nine.
 */
import type { StatusRow } from './types.js';

export const STATUS_CSV_HEADER = [
  'hub_order_id', 'oms_order_number', 'status', 'line_number', 'quantity',
  'carrier', 'tracking_number', 'expected_date', 'event_time',
] as const;

export const CHANGE_COLUMNS = ['change_id', 'reason'] as const;

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function rowFields(row: StatusRow, withChanges: boolean): string[] {
  const fields = [
    row.hubOrderId, row.omsOrderNumber, row.status, row.lineNumber, row.quantity,
    row.carrier, row.trackingNumber, row.expectedDate, row.eventTime,
  ];
  return withChanges ? [...fields, row.changeId ?? '', row.reason ?? ''] : fields;
}

export function renderStatusCsv(rows: StatusRow[]): string {
  const withChanges = rows.some((row) => row.changeId !== undefined || row.reason !== undefined);
  const header = withChanges ? [...STATUS_CSV_HEADER, ...CHANGE_COLUMNS] : STATUS_CSV_HEADER;
  const lines = [header.join(','), ...rows.map((row) => rowFields(row, withChanges).map(csvField).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}
