/**
 * Tracking webhooks at `POST /in/<instance>/tracking`: the signature is checked over
 * the exact bytes first, then the body is read (`tracking.updated`: one event of one
 * parcel) and the event mapped to a `tracking` status event with the carrier's event id,
 * the same the poll gives it. Other webhook types are acknowledged and ignored, so the
 * carrier does not retry them; other paths are answered 404.
 */
import {
  BadInputError, parseJsonBody, type InboundRequest, type InboundResult,
} from '../../src/sdk/index.js';
import { isRecord, text, type JsonRecord } from './answer-fields.js';
import { requireCarrierEventInput, trackingEvent, type TrackingEventSource } from './tracking-event.js';
import { verifyWebhook, type SignatureSettings } from './webhook-signature.js';

export const WEBHOOK_PATH = '/tracking';

export function receiveWebhook(settings: SignatureSettings, source: TrackingEventSource, request: InboundRequest, now = Date.now()): InboundResult {
  if (request.path !== WEBHOOK_PATH) return reply(404, { code: 'NOT_FOUND', detail: `tracking webhooks are POSTed to /in/<instance>${WEBHOOK_PATH}` });
  if (request.method !== 'POST') return reply(405, { code: 'METHOD', detail: 'tracking webhooks must be POSTed' });
  verifyWebhook(settings, request, now);
  const body = parseJsonBody(request.body);
  if (!isRecord(body)) throw badWebhook(settings.carrierName, 'the body is not a JSON object');
  const type = text(body, 'type');
  if (type !== 'tracking.updated') return reply(200, { ignored: `webhook type ${String(type ?? '(none)').slice(0, 60)}` });
  return { kind: 'status', events: [trackingEvent(source, eventInput(body, settings.carrierName))] };
}

function eventInput(body: JsonRecord, carrier: string): ReturnType<typeof requireCarrierEventInput> {
  const data = isRecord(body['data']) ? body['data'] : undefined;
  const trackingNumber = data ? text(data, 'trackingNumber') : undefined;
  if (!data || !trackingNumber) throw badWebhook(carrier, 'a tracking.updated webhook without data.trackingNumber');
  return requireCarrierEventInput(trackingNumber, data['event'], data['estimatedDeliveryDate'], carrier);
}

function badWebhook(carrier: string, detail: string): BadInputError {
  return new BadInputError(`${carrier} webhook: ${detail}`, {
    code: 'BAD_TRACKING_WEBHOOK', hint: 'the carrier sent a webhook this connector cannot read: check the carrier\'s webhook version',
  });
}

function reply(status: number, body: Record<string, unknown>): InboundResult {
  return { kind: 'reply', status, contentType: 'application/json', body: JSON.stringify(body) };
}
