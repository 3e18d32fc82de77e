/**
 * Tracking webhooks to status events, through the repository's status mapping
 * (mappings/parcelco-tracking.json): the carrier's event id, the parcel status and
 * words, no order id; other paths, methods and webhook types answered without events.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BadInputError, UnauthorizedError, type InboundRequest } from '../../src/sdk/index.js';
import { loadMapping } from '../../src/mapping/index.js';
import { signWebhook, type WebhookBody } from '../../sims/carrier/index.js';
import { receiveWebhook } from './receive-webhook.js';
import type { TrackingEventSource } from './tracking-event.js';

const SECRET = 'whsec_parcelco_test_0123456789';
const settings = { webhookSecret: SECRET, toleranceSeconds: 300, carrierName: 'ParcelCo' };
const NOW = Date.parse('2026-11-25T06:15:00Z');
let source: TrackingEventSource;

beforeAll(async () => {
  const mapping = await loadMapping(resolve(import.meta.dirname, '../../mappings/parcelco-tracking.json'));
  source = { mapping: (input) => mapping.apply(input), carrier: 'ParcelCo' };
});

function webhook(event: Partial<WebhookBody['data']['event']> = {}, data: Partial<WebhookBody['data']> = {}): WebhookBody {
  return {
    id: 'evt_3f9a', type: 'tracking.updated', createdAt: '2026-11-25T06:10:02.000Z',
    data: {
      trackingNumber: '1Z999AA10300012346', shipmentId: 'shp_1', reference: 'K7F-2QX', status: 'exception', estimatedDeliveryDate: '2026-11-27',
      event: { id: 'ev_0a4c9e2b6f18d573', code: 'EX-DLY', description: 'Exception: delayed', occurredAt: '2026-11-25T06:10:00.000Z', location: { city: 'Louisville', region: 'KY', country: 'US' }, ...event },
      ...data,
    },
  };
}

function signed(body: unknown, extra: Partial<InboundRequest> = {}): InboundRequest {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method: 'POST', path: '/tracking', query: {}, receivedAt: new Date(NOW),
    headers: { 'content-type': 'application/json', 'parcelco-signature': signWebhook(SECRET, text, new Date(NOW)) },
    body: Buffer.from(text), ...extra,
  };
}

describe('tracking webhooks', () => {
  it('give one tracking event keyed by the carrier\'s event id, mapped, without an order id', () => {
    const result = receiveWebhook(settings, source, signed(webhook()), NOW);
    expect(result).toEqual({
      kind: 'status',
      events: [{
        eventId: 'ev_0a4c9e2b6f18d573', type: 'tracking', occurredAt: '2026-11-25T06:10:00.000Z',
        shipment: { trackingNumber: '1Z999AA10300012346', carrier: 'ParcelCo' },
        parcel: { status: 'exception', code: 'EX-DLY', description: 'Exception: delayed', location: 'Louisville, KY, US' },
        expectedDate: '2026-11-27',
      }],
    });
  });

  it('maps a delivery, with no estimate left', () => {
    const body = webhook({ id: 'ev_dl', code: 'DL', description: 'Delivered', location: { city: 'Portland', region: 'OR', country: 'US' } }, { status: 'delivered', estimatedDeliveryDate: undefined });
    const result = receiveWebhook(settings, source, signed(body), NOW);
    expect(result.kind === 'status' && result.events[0]).toMatchObject({ eventId: 'ev_dl', parcel: { status: 'delivered', code: 'DL' } });
    expect(result.kind === 'status' && result.events[0]?.expectedDate).toBeUndefined();
  });

  it('checks the signature before reading anything', () => {
    const request = signed(webhook());
    request.body = Buffer.from(request.body.toString().replace('EX-DLY', 'DL'));
    expect(() => receiveWebhook(settings, source, request, NOW)).toThrow(UnauthorizedError);
    expect(() => receiveWebhook(settings, source, signed('not json', { headers: {} }), NOW)).toThrow(/missing ParcelCo-Signature/);
  });

  it('refuses an event code the mapping does not know, saying where to add it', () => {
    let refusal: unknown;
    try {
      receiveWebhook(settings, source, signed(webhook({ code: 'ZZ' as 'DL' })), NOW);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(BadInputError);
    expect(refusal).toMatchObject({ code: 'UNMAPPED_TRACKING_EVENT', status: 422 });
    expect((refusal as Error).message).toMatch(/event ZZ \(ev_0a4c9e2b6f18d573\) of parcel 1Z999AA10300012346/);
    expect((refusal as BadInputError).hint).toMatch(/mappings\.status/);
  });

  it('refuses bodies it cannot read as bad input', () => {
    expect(() => receiveWebhook(settings, source, signed('{"type":'), NOW)).toThrow(BadInputError);
    expect(() => receiveWebhook(settings, source, signed('[1]'), NOW)).toThrow(/not a JSON object/);
    expect(() => receiveWebhook(settings, source, signed({ type: 'tracking.updated', data: {} }), NOW)).toThrow(/data.trackingNumber/);
    expect(() => receiveWebhook(settings, source, signed(webhook({ occurredAt: 'yesterday' })), NOW)).toThrow(/occurredAt/);
  });

  it('acknowledges other webhook types without events, and answers other paths and methods', () => {
    expect(receiveWebhook(settings, source, signed({ id: 'evt_9', type: 'shipment.created', data: {} }), NOW)).toMatchObject({ kind: 'reply', status: 200 });
    expect(receiveWebhook(settings, source, signed(webhook(), { path: '' }), NOW)).toMatchObject({ kind: 'reply', status: 404 });
    expect(receiveWebhook(settings, source, signed(webhook(), { path: '/status' }), NOW)).toMatchObject({ kind: 'reply', status: 404 });
    expect(receiveWebhook(settings, source, signed(webhook(), { method: 'GET' }), NOW)).toMatchObject({ kind: 'reply', status: 405 });
  });
});
