/**
 * Renders the OMS's XML answers, status updates, the status feed and stock
 * documents. Every
 * text and attribute value is escaped; nothing is built from unescaped input.
 */
import type { StatusUpdate, StockDocumentKind, StockItem } from './types.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name attr="…">text</name>`; `undefined` content renders nothing at all. */
function el(name: string, content: string | undefined, attrs: Record<string, string | number> = {}): string {
  if (content === undefined) return '';
  return `<${name}${attrText(attrs)}>${content}</${name}>`;
}

function attrText(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
}

function text(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : el(name, escapeXml(String(value)));
}

export function renderOrderResponse(omsOrderNumber: string, hubOrderId: string): string {
  const body = text('Status', 'ACCEPTED') + text('OmsOrderNumber', omsOrderNumber) + text('HubOrderId', hubOrderId);
  return `${XML_DECLARATION}\n${el('OrderResponse', body)}`;
}

export function renderChangeResponse(answer: { changeId: string; omsOrderNumber: string; status: string; reason?: string }): string {
  const body = text('ChangeId', answer.changeId) + text('OmsOrderNumber', answer.omsOrderNumber) + text('Status', answer.status) + text('Reason', answer.reason);
  return `${XML_DECLARATION}\n${el('ChangeResponse', body)}`;
}

export function renderError(code: string, message: string): string {
  return `${XML_DECLARATION}\n${el('Error', text('Code', code) + text('Message', message))}`;
}

type UpdateFields = Omit<StatusUpdate, 'xml'>;

/** The `<StatusUpdate>` element, without XML declaration. */
export function renderStatusUpdate(update: UpdateFields): string {
  const parts = [
    text('EventId', update.eventId),
    text('Sequence', update.sequence),
    text('OmsOrderNumber', update.omsOrderNumber),
    text('HubOrderId', update.hubOrderId),
    text('Status', update.status),
    text('Timestamp', update.timestamp),
    renderLines(update.lines),
    renderShipment(update.shipment),
    text('ExpectedDate', update.expectedDate),
    text('Reason', update.reason),
  ];
  return el('StatusUpdate', parts.join(''));
}

function renderLines(lines: UpdateFields['lines']): string {
  if (lines === undefined || lines.length === 0) return '';
  const items = lines.map((line) => `<Line number="${line.number}" qty="${line.qty}"/>`);
  return el('Lines', items.join(''));
}

function renderShipment(shipment: UpdateFields['shipment']): string {
  if (shipment === undefined) return '';
  const body = text('Carrier', shipment.carrier) + text('TrackingNumber', shipment.trackingNumber) + text('TrackingUrl', shipment.trackingUrl);
  return el('Shipment', body);
}

/** The callback body: one status update as a whole document. */
export function renderStatusDocument(update: StatusUpdate): string {
  return `${XML_DECLARATION}\n${update.xml}`;
}

export function renderStatusFeed(updates: StatusUpdate[]): string {
  return `${XML_DECLARATION}\n<StatusFeed>${updates.map((update) => update.xml).join('')}</StatusFeed>`;
}

/**
 * A stock document: `<StockUpdate kind asOf sequence>` with one
 * `<Item sku dc onHand [expected]/>` per item (`expected` from `expectedDate`).
 */
export function renderStockDocument(doc: { kind: StockDocumentKind; asOf: string; sequence: number; items: StockItem[] }): string {
  const items = doc.items.map((item) => {
    const attrs: Record<string, string | number> = { sku: item.sku, dc: item.dc, onHand: item.onHand };
    if (item.expectedDate !== undefined) attrs['expected'] = item.expectedDate;
    return `<Item${attrText(attrs)}/>`;
  });
  const root = `<StockUpdate${attrText({ kind: doc.kind, asOf: doc.asOf, sequence: doc.sequence })}>`;
  return `${XML_DECLARATION}\n${root}${items.join('')}</StockUpdate>`;
}
