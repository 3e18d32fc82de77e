/**
 * The kiosk's HTTP side, every request signed by a registered device:
 *   POST /in/<instance>/orders    an upload: per-order answers and the highest contiguous number
 *   GET  /in/<instance>/sequence  what the hub holds of this device's numbers
 * The signed target is the path as the kiosk sent it (`/in/<instance>/orders`).
 */
import {
  BadInputError, DEVICE_HEADERS, type DeviceIdentity, type Devices, type InboundRequest, type InboundResult, type Intake,
} from '../../src/sdk/index.js';
import type { KioskConfig } from './config.js';
import { takeUpload } from './take-upload.js';

export interface KioskHttp {
  instanceId: string;
  config: KioskConfig;
  devices: Devices;
}

export async function receiveRequest(kiosk: KioskHttp, request: InboundRequest, intake: Intake): Promise<InboundResult> {
  const route = `${request.method.toUpperCase()} ${request.path}`;
  if (route !== 'POST /orders' && route !== 'GET /sequence') {
    return json(404, { title: 'Not found', detail: `no kiosk route ${route}`, hint: 'POST /orders to upload, GET /sequence to ask what the hub holds' });
  }
  const device = await authenticate(kiosk, request);
  if (route === 'GET /sequence') {
    const sequence = await kiosk.devices.sequence(device.deviceId);
    return json(200, { device: device.deviceId, store: device.store, ...sequence });
  }
  if (!/json/i.test(request.headers['content-type'] ?? '')) {
    throw new BadInputError('an upload must be JSON', { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415, hint: 'send Content-Type: application/json' });
  }
  const answer = await takeUpload({
    instanceId: kiosk.instanceId, devices: kiosk.devices, intake,
    maxOrders: kiosk.config.maxOrdersPerBatch, concurrency: kiosk.config.concurrency,
    meta: { transport: 'http', nonce: request.headers[DEVICE_HEADERS.nonce] ?? '' },
  }, device, request.body);
  return json(200, answer);
}

function authenticate(kiosk: KioskHttp, request: InboundRequest): Promise<DeviceIdentity> {
  const query = new URLSearchParams(request.query).toString();
  return kiosk.devices.authenticate({
    keyId: request.headers[DEVICE_HEADERS.key] ?? '',
    timestamp: request.headers[DEVICE_HEADERS.timestamp] ?? '',
    nonce: request.headers[DEVICE_HEADERS.nonce] ?? '',
    signature: request.headers[DEVICE_HEADERS.signature] ?? '',
    method: request.method,
    target: `/in/${kiosk.instanceId}${request.path}${query ? `?${query}` : ''}`,
    body: request.body,
  }, { toleranceSeconds: kiosk.config.toleranceSeconds });
}

function json(status: number, body: unknown): InboundResult {
  return { kind: 'reply', status, body: JSON.stringify(body), contentType: status >= 400 ? 'application/problem+json' : 'application/json' };
}
