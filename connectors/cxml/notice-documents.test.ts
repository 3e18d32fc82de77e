/**
 * Status back as cXML: which documents a change calls for (an accept once, a detail
 * while lines are backordered, a reject, a ship notice per new shipment, nothing for
 * states the buyer does not need), and what they say: our credentials and the
 * partner's secret, a payloadID derived from the notice, the buyer's orderID and the
 * OrderRequest's payloadID, line quantities, carrier and tracking number.
 */
import { describe, expect, it } from 'vitest';
import { CXML_LINES as LINES, CXML_ORDER as ORDER, CXML_SHIPMENT as SHIPMENT, cxmlNotice as notice, quantities } from '../../tests/support/cxml-notice.js';
import type { CxmlPartner } from './config.js';
import { confirmationRequest } from './confirmation-request.js';
import { planPartnerDocuments as planDocuments } from '../../src/sdk/index.js';
import { outgoingDocument } from './outgoing-request.js';
import { noticePayloadId } from './payload-id.js';
import { readCxml } from './read-cxml.js';
import { shipNoticeRequest } from './ship-notice-request.js';
import { attribute, child, descend, list, text } from './xml-values.js';

const PARTNER: CxmlPartner = { identity: 'AN01000000087', domain: 'NetworkID', sharedSecret: 'acme-shared-secret-0123', name: 'Acme', deploymentMode: 'test', postUrl: 'http://buyer.example/cxml' };
const SUPPLIER = { identity: 'AN01000000001', domain: 'NetworkID' };

describe('which documents a change calls for', () => {
  it('confirms once: accept when acknowledged, nothing more when then allocated', () => {
    expect(planDocuments(notice('acknowledged', 'sent'))).toEqual([{ kind: 'confirmation', confirmation: { type: 'accept', lines: {} } }]);
    expect(planDocuments(notice('allocated', 'acknowledged'))).toEqual([]);
    expect(planDocuments(notice('allocated', 'sent'))).toEqual([{ kind: 'confirmation', confirmation: { type: 'accept', lines: {} } }]);
  });

  it('sends a detail while units are backordered, and an accept again once they are not', () => {
    const backordered = { ...LINES, 2: quantities(4, { backordered: 3, expectedDate: '2026-12-10' }) };
    expect(planDocuments(notice('backordered', 'acknowledged', { lines: backordered }))).toEqual([
      { kind: 'confirmation', confirmation: { type: 'detail', lines: { 2: { backordered: 3, cancelled: 0, expectedDate: '2026-12-10' } } } },
    ]);
    expect(planDocuments(notice('allocated', 'backordered', { previousLines: backordered }))).toEqual([{ kind: 'confirmation', confirmation: { type: 'accept', lines: {} } }]);
  });

  it('rejects when the order is rejected or cancelled', () => {
    expect(planDocuments(notice('rejected', 'sent'))[0]).toMatchObject({ confirmation: { type: 'reject' } });
    expect(planDocuments(notice('cancelled', 'allocated'))[0]).toMatchObject({ confirmation: { type: 'reject' } });
  });

  it('sends a ship notice per new shipment, and nothing for states the buyer does not need', () => {
    const second = { ...SHIPMENT, shipmentId: 'SHP-1002', trackingNumber: '1Z999AA10123456795' };
    expect(planDocuments(notice('shipped', 'allocated', { shipments: [SHIPMENT, second], previousShipments: [SHIPMENT] })))
      .toEqual([{ kind: 'ship-notice', shipment: second, index: 0 }]);
    for (const [state, before] of [['accepted', undefined], ['sent', 'accepted'], ['delivered', 'shipped'], ['on_hold', 'allocated']] as const) {
      expect(planDocuments(notice(state, before, before ? { shipments: [SHIPMENT], previousShipments: [SHIPMENT] } : {})), state).toEqual([]);
    }
  });
});

function written(request: ReturnType<typeof confirmationRequest>, payloadID = 'p@h'): Record<string, unknown> {
  const xml = outgoingDocument({ supplier: SUPPLIER, partner: PARTNER, payloadID, timestamp: '2026-11-23T18:00:00.000Z', request });
  expect(xml).toContain('<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/Fulfill.dtd">');
  return readCxml(Buffer.from(xml));
}

describe('the documents', () => {
  it('carry our identity as From and Sender with the partner\'s secret, the partner as To, and its deployment mode', () => {
    const root = written(confirmationRequest(notice('acknowledged', 'sent'), { type: 'accept', lines: {} }), noticePayloadId(`${ORDER.hubOrderId}:5`, 'confirm', 'an01000000001'));
    expect(attribute(root, 'payloadID')).toBe('01KB2CXML0000000000000000A.5.confirm@an01000000001');
    const header = child(root, 'Header');
    expect(text(descend(header, 'From', 'Credential', 'Identity'))).toBe('AN01000000001');
    expect(text(descend(header, 'To', 'Credential', 'Identity'))).toBe('AN01000000087');
    expect(text(descend(header, 'Sender', 'Credential', 'SharedSecret'))).toBe('acme-shared-secret-0123');
    expect(text(descend(header, 'Sender', 'UserAgent'))).toMatch(/order-hub/);
    expect(attribute(child(root, 'Request'), 'deploymentMode')).toBe('test');
  });

  it('an accept names the order by orderID, order date and the OrderRequest\'s payloadID', () => {
    const request = descend(written(confirmationRequest(notice('acknowledged', 'sent'), { type: 'accept', lines: {} })), 'Request', 'ConfirmationRequest');
    expect(attribute(child(request, 'ConfirmationHeader'), 'type')).toBe('accept');
    expect(attribute(child(request, 'ConfirmationHeader'), 'noticeDate')).toBe('2026-11-23T18:00:00.000Z');
    expect(attribute(child(request, 'OrderReference'), 'orderID')).toBe('PO-7781042');
    expect(attribute(descend(request, 'OrderReference', 'DocumentReference'), 'payloadID')).toBe('1795003411.8812.1042@procure.northwind-labs.example');
    expect(child(request, 'ConfirmationItem')).toBeUndefined();
  });

  it('a detail gives every line its accepted, backordered (with date) and rejected units in its unit of measure', () => {
    const confirmation = { type: 'detail' as const, lines: { 1: { backordered: 0, cancelled: 2 }, 2: { backordered: 3, cancelled: 0, expectedDate: '2026-12-10' } } };
    const items = list(descend(written(confirmationRequest(notice('backordered', 'acknowledged'), confirmation)), 'Request', 'ConfirmationRequest', 'ConfirmationItem'));
    const statuses = items.map((item) => [attribute(item, 'lineNumber'), attribute(item, 'quantity'), text(child(item, 'UnitOfMeasure')),
      list(child(item, 'ConfirmationStatus')).map((s) => [attribute(s, 'type'), attribute(s, 'quantity'), attribute(s, 'deliveryDate'), text(child(s, 'UnitOfMeasure'))])]);
    expect(statuses).toEqual([
      ['1', '10', 'BX', [['accept', '8', undefined, 'BX'], ['reject', '2', undefined, 'BX']]],
      ['2', '4', 'EA', [['accept', '1', undefined, 'EA'], ['backordered', '3', '2026-12-10', 'EA']]],
    ]);
  });

  it('a reject says why, escaped', () => {
    const request = descend(written(confirmationRequest(notice('rejected', 'sent', { reason: 'SKU LAB-0415 discontinued <use LAB-0416> & re-order' }), { type: 'reject', lines: {} })), 'Request', 'ConfirmationRequest');
    expect(text(descend(request, 'ConfirmationHeader', 'Comments'))).toBe('SKU LAB-0415 discontinued <use LAB-0416> & re-order');
  });

  it('a ship notice has the shipment, carrier, tracking number and the lines shipped', () => {
    const request = descend(written(shipNoticeRequest(notice('shipped', 'allocated', { shipments: [SHIPMENT] }), SHIPMENT)), 'Request', 'ShipNoticeRequest');
    const header = child(request, 'ShipNoticeHeader');
    expect([attribute(header, 'shipmentID'), attribute(header, 'noticeDate'), attribute(header, 'shipmentDate')]).toEqual(['SHP-1001', '2026-11-23T18:00:00.000Z', '2026-11-24T16:00:00.000Z']);
    expect(text(descend(request, 'ShipControl', 'CarrierIdentifier'))).toBe('UPS');
    expect(attribute(descend(request, 'ShipControl', 'CarrierIdentifier'), 'domain')).toBe('companyName');
    expect(text(descend(request, 'ShipControl', 'ShipmentIdentifier'))).toBe('1Z999AA10123456784');
    const portion = child(request, 'ShipNoticePortion');
    expect(attribute(descend(portion, 'OrderReference'), 'orderID')).toBe('PO-7781042');
    expect(list(descend(portion, 'ShipNoticeItem')).map((item) => [attribute(item, 'lineNumber'), attribute(item, 'quantity'), text(child(item, 'UnitOfMeasure'))]))
      .toEqual([['1', '10', 'BX'], ['2', '4', 'EA']]);
  });

  it('a ship notice without a tracking number leaves ShipControl out', () => {
    const { trackingNumber: _none, ...untracked } = SHIPMENT;
    const request = descend(written(shipNoticeRequest(notice('shipped', 'allocated'), untracked)), 'Request', 'ShipNoticeRequest');
    expect(child(request, 'ShipControl')).toBeUndefined();
  });
});
