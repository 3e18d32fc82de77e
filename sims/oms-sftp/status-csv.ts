/**
 * Renders status files: UTF-8 CSV with the header row of the spec, CRLF line ends,
 * and RFC 4180 quoting (a field with a comma, quote or line break is wrapped in
 * double quotes, inner quotes doubled).
 */
import type { StatusRow } from './types.js';

export const STATUS_CSV_HEADER = [
  'hub_order_id', 'oms_order_number', 'status', 'line_number', 'quantity',
  'carrier', 'tracking_number', 'expected_date', 'event_time',
] as const;

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function rowFields(row: StatusRow): string[] {
  return [
    row.hubOrderId, row.omsOrderNumber, row.status, row.lineNumber, row.quantity,
    row.carrier, row.trackingNumber, row.expectedDate, row.eventTime,
  ];
}

export function renderStatusCsv(rows: StatusRow[]): string {
  const lines = [STATUS_CSV_HEADER.join(','), ...rows.map((row) => rowFields(row).map(csvField).join(','))];
  return lines.map((line) => `${line}\r\n`).join('');
}
