/**
 * Rows read from an acknowledgement or status file into status events. Rows of one
 * order with the same status, tracking number and time are one event (one parcel
 * with several lines); answers to two different change requests never are. A
 * CHANGE_ACCEPTED or CHANGE_REFUSED row must name the change it answers (change_id).
 * Event ids are `<file>:<first line>`, so reading a file again yields the same ids and
 * the hub applies each event once.
 */
import { BadInputError, type ParsedFile, type StatusEventIn, type StatusEventType } from '../../src/sdk/index.js';

type Row = ParsedFile['rows'][number];

const TYPES = new Set<string>([
  'acknowledged', 'rejected', 'allocated', 'backordered', 'ready_for_pickup', 'shipped', 'delivered', 'cancelled', 'change_accepted', 'change_refused',
]);
const CHANGE_ANSWERS = new Set<string>(['change_accepted', 'change_refused']);

interface RowEvent {
  type?: string;
  hubOrderId?: string;
  externalRef?: string;
  occurredAt?: string;
  lines?: Array<{ lineNumber: number; quantity: number }>;
  shipment?: { carrier?: string; trackingNumber?: string };
  expectedDate?: string;
  reason?: string;
  changeId?: string;
}

function groupKey(value: RowEvent): string {
  return [value.hubOrderId, value.externalRef, value.type, value.changeId, value.shipment?.trackingNumber, value.occurredAt, value.expectedDate].join('|');
}

export function rowsToEvents(fileName: string, rows: Row[]): StatusEventIn[] {
  const events: StatusEventIn[] = [];
  const open = new Map<string, StatusEventIn>();
  for (const row of rows) {
    const value = row.value as RowEvent;
    checkRow(fileName, row.line, value);
    const key = groupKey(value);
    const existing = value.lines ? open.get(key) : undefined;
    if (existing?.lines && value.lines) {
      existing.lines.push(...value.lines);
      continue;
    }
    const event = eventOf(`${fileName}:${row.line}`, value);
    events.push(event);
    if (value.lines) open.set(key, event);
  }
  return events;
}

function checkRow(fileName: string, line: number, value: RowEvent): void {
  if (!value.type || !TYPES.has(value.type)) {
    throw new BadInputError(`${fileName} line ${line}: unknown status "${String(value.type)}"`, { code: 'UNKNOWN_STATUS' });
  }
  if (!value.occurredAt || (!value.hubOrderId && !value.externalRef)) {
    throw new BadInputError(`${fileName} line ${line}: needs a time and an order reference`, { code: 'INCOMPLETE_ROW' });
  }
  if (CHANGE_ANSWERS.has(value.type) && !value.changeId) {
    throw new BadInputError(`${fileName} line ${line}: a ${value.type.toUpperCase()} row needs the change_id it answers (column 10)`, {
      code: 'NO_CHANGE_ID', hint: 'the OMS must copy change_id from the CHG file it answers',
    });
  }
}

function eventOf(eventId: string, value: RowEvent): StatusEventIn {
  return {
    eventId,
    type: value.type as StatusEventType,
    occurredAt: value.occurredAt!,
    ...(value.hubOrderId ? { hubOrderId: value.hubOrderId } : {}),
    ...(value.externalRef ? { externalRef: value.externalRef } : {}),
    ...(value.lines ? { lines: [...value.lines] } : {}),
    ...(value.shipment ? { shipment: value.shipment } : {}),
    ...(value.expectedDate ? { expectedDate: value.expectedDate } : {}),
    ...(value.reason ? { reason: value.reason } : {}),
    ...(value.changeId && CHANGE_ANSWERS.has(value.type!) ? { changeId: value.changeId } : {}),
  };
}
