/**
 * Rows read from an acknowledgement or status file into status events. Rows of one
 * order with the same status, tracking number and time are one event (one parcel
 * with several lines). Event ids are `<file>:<first line>`, so reading a file again
 * yields the same ids and the hub applies each event once.
 */
import { BadInputError, type ParsedFile, type StatusEventIn, type StatusEventType } from '../../src/sdk/index.js';

type Row = ParsedFile['rows'][number];

const TYPES = new Set<string>(['acknowledged', 'rejected', 'allocated', 'backordered', 'shipped', 'delivered', 'cancelled']);

interface RowEvent {
  type?: string;
  hubOrderId?: string;
  externalRef?: string;
  occurredAt?: string;
  lines?: Array<{ lineNumber: number; quantity: number }>;
  shipment?: { carrier?: string; trackingNumber?: string };
  expectedDate?: string;
  reason?: string;
}

function groupKey(value: RowEvent): string {
  return [value.hubOrderId, value.externalRef, value.type, value.shipment?.trackingNumber, value.occurredAt, value.expectedDate].join('|');
}

export function rowsToEvents(fileName: string, rows: Row[]): StatusEventIn[] {
  const events: StatusEventIn[] = [];
  const open = new Map<string, StatusEventIn>();
  for (const row of rows) {
    const value = row.value as RowEvent;
    if (!value.type || !TYPES.has(value.type)) {
      throw new BadInputError(`${fileName} line ${row.line}: unknown status "${String(value.type)}"`, { code: 'UNKNOWN_STATUS' });
    }
    if (!value.occurredAt || (!value.hubOrderId && !value.externalRef)) {
      throw new BadInputError(`${fileName} line ${row.line}: needs a time and an order reference`, { code: 'INCOMPLETE_ROW' });
    }
    const key = groupKey(value);
    const existing = value.lines ? open.get(key) : undefined;
    if (existing?.lines && value.lines) {
      existing.lines.push(...value.lines);
      continue;
    }
    const event: StatusEventIn = {
      eventId: `${fileName}:${row.line}`,
      type: value.type as StatusEventType,
      occurredAt: value.occurredAt,
      ...(value.hubOrderId ? { hubOrderId: value.hubOrderId } : {}),
      ...(value.externalRef ? { externalRef: value.externalRef } : {}),
      ...(value.lines ? { lines: [...value.lines] } : {}),
      ...(value.shipment ? { shipment: value.shipment } : {}),
      ...(value.expectedDate ? { expectedDate: value.expectedDate } : {}),
      ...(value.reason ? { reason: value.reason } : {}),
    };
    events.push(event);
    if (value.lines) open.set(key, event);
  }
  return events;
}
