/**
 * Status updates from the OMS (callbacks and feed) into canonical status events.
 */
import { BadInputError, parseXmlSafely, xmlText, type StatusEventIn, type StatusEventType } from '../../src/sdk/index.js';

const TYPES: Record<string, StatusEventType> = {
  ACKNOWLEDGED: 'acknowledged', REJECTED: 'rejected', ALLOCATED: 'allocated', BACKORDERED: 'backordered',
  READY_FOR_PICKUP: 'ready_for_pickup', SHIPPED: 'shipped', DELIVERED: 'delivered', CANCELLED: 'cancelled',
};

const ARRAYS = ['StatusUpdate', 'Line'];

type Element = Record<string, unknown>;

export function parseStatusCallback(body: Buffer): StatusEventIn[] {
  const root = parseXmlSafely(body, { arrays: ARRAYS });
  const updates = root.StatusUpdate as Element[] | undefined;
  if (!updates?.length) throw new BadInputError('expected a <StatusUpdate> document', { code: 'NOT_A_STATUS_UPDATE' });
  return updates.map(toEvent);
}

export function parseStatusFeed(body: string): { events: StatusEventIn[]; lastSequence: number | undefined } {
  const root = parseXmlSafely(body, { arrays: ARRAYS });
  const feed = root.StatusFeed as Element | string | undefined;
  const updates = typeof feed === 'object' ? ((feed.StatusUpdate as Element[] | undefined) ?? []) : [];
  const sequences = updates.map((u) => Number(xmlText(u.Sequence))).filter(Number.isFinite);
  return { events: updates.map(toEvent), lastSequence: sequences.length ? Math.max(...sequences) : undefined };
}

function toEvent(update: Element): StatusEventIn {
  const status = xmlText(update.Status)?.toUpperCase() ?? '';
  const type = TYPES[status];
  const eventId = xmlText(update.EventId);
  const timestamp = Date.parse(xmlText(update.Timestamp) ?? '');
  if (!type) throw new BadInputError(`unknown OMS status "${status}"`, { code: 'UNKNOWN_STATUS' });
  if (!eventId) throw new BadInputError('status update without EventId', { code: 'NO_EVENT_ID' });
  if (Number.isNaN(timestamp)) throw new BadInputError(`status update ${eventId} has no valid Timestamp`, { code: 'BAD_TIMESTAMP' });
  const hubOrderId = xmlText(update.HubOrderId);
  const externalRef = xmlText(update.OmsOrderNumber);
  const lines = ((update.Lines as Element | undefined)?.Line as Element[] | undefined)?.map((line) => ({
    lineNumber: Number(xmlText(line['@number'])), quantity: Number(xmlText(line['@qty'])),
  }));
  const shipment = update.Shipment as Element | undefined;
  const expectedDate = xmlText(update.ExpectedDate);
  const reason = xmlText(update.Reason);
  return {
    eventId, type, occurredAt: new Date(timestamp).toISOString(),
    ...(hubOrderId ? { hubOrderId } : {}),
    ...(externalRef ? { externalRef } : {}),
    ...(lines?.length ? { lines } : {}),
    ...(shipment ? { shipment: compact({ carrier: xmlText(shipment.Carrier), trackingNumber: xmlText(shipment.TrackingNumber), trackingUrl: xmlText(shipment.TrackingUrl) }) } : {}),
    ...(expectedDate ? { expectedDate } : {}),
    ...(reason ? { reason } : {}),
  };
}

function compact<T extends Record<string, string | undefined>>(value: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
