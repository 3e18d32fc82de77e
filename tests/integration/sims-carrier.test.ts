/**
 * The parcel carrier simulator (sims/carrier) over real loopback HTTP: rates, labels
 * bought once per Idempotency-Key (a real PDF, real ZPL), voids before and after
 * pickup, tracking one number or many, events driven by the control API, signed
 * webhooks to a local receiver (duplicated, shuffled, retried after a 500 or a lost
 * answer), a rate limit answering 429 with Retry-After, an outage answering 503, and
 * the demo's automatic progress.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startCarrierSim, validTrackingNumber, verifyWebhookSignature,
  type Address, type CarrierSim, type CarrierSimOptions, type ShipmentAnswer, type TrackingView, type WebhookBody,
} from '../../sims/carrier/index.js';
import { closeServer } from '../../sims/shared/http-server.js';
import { Notifier, waitUntil } from '../../sims/shared/wait.js';
import { freePort } from '../support/ports.js';

const API_KEY = 'pc_test_integration_0123456789';
const SECRET = 'whsec_integration_secret';
const SHIP_FROM: Address = { name: 'Hub DC East', line1: '1 Dock Rd', city: 'Newark', region: 'NJ', postalCode: '07102', country: 'US' };
const SHIP_TO: Address = { name: 'Ada Lovelace', line1: '5 Main St', line2: 'Apt 2', city: 'Portland', region: 'OR', postalCode: '97201', country: 'US' };

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startSim(options: CarrierSimOptions = {}): Promise<CarrierSim> {
  const sim = await startCarrierSim({ port: await freePort(), apiKey: API_KEY, ...options });
  cleanups.push(() => sim.close());
  return sim;
}

// ---- a webhook receiver ----

interface Received {
  raw: string;
  body: WebhookBody;
  headers: IncomingHttpHeaders;
  signatureValid: boolean;
}

interface Receiver {
  url: string;
  received: Received[];
  /** Answers these statuses to the next requests, then 200. */
  answerNext(...statuses: number[]): void;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const statuses: number[] = [];
  const changed = new Notifier();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = request.headers['parcelco-signature'];
      received.push({
        raw, body: JSON.parse(raw) as WebhookBody, headers: request.headers,
        signatureValid: verifyWebhookSignature(SECRET, raw, typeof signature === 'string' ? signature : undefined),
      });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
      changed.notify();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => closeServer(server));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/parcelco`,
    received,
    answerNext: (...next) => statuses.push(...next),
    waitFor: (count, timeoutMs = 10_000) => waitUntil(
      () => (received.length >= count ? received.slice() : undefined), (listener) => changed.subscribe(listener), timeoutMs, `${count} webhooks`,
    ),
  };
}

// ---- calling the API ----

async function call(sim: CarrierSim, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
}

function shipmentRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference: 'ORD-1001', service: 'GROUND', labelFormat: 'PDF',
    shipFrom: SHIP_FROM, shipTo: SHIP_TO, parcels: [{ weightGrams: 1200, lengthCm: 30, widthCm: 20, heightCm: 10 }],
    ...overrides,
  };
}

async function createShipment(sim: CarrierSim, key: string, overrides: Record<string, unknown> = {}): Promise<ShipmentAnswer> {
  const response = await call(sim, 'POST', '/v1/shipments', shipmentRequest(overrides), { 'idempotency-key': key });
  expect(response.status).toBe(201);
  return (await response.json()) as ShipmentAnswer;
}

async function control(sim: CarrierSim, path: string, body: unknown = {}): Promise<Response> {
  return fetch(`${sim.url}/_sim${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000),
  });
}

describe('carrier simulator: API', () => {
  it('wants the API key on every /v1 route and answers problem JSON without it', async () => {
    const sim = await startSim();
    const response = await fetch(`${sim.url}/v1/tracking/1Z999AA10123456784`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 401, code: 'UNAUTHORIZED', title: 'Unauthorized', type: expect.any(String), detail: expect.any(String) });
    expect((await call(sim, 'GET', '/v1/tracking/1Z999AA10123456784', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('rates every service and refuses a ship-to without postal code or with a 3-letter country (422 ADDRESS_INVALID)', async () => {
    const sim = await startSim();
    const response = await call(sim, 'POST', '/v1/rates', { shipFrom: SHIP_FROM, shipTo: SHIP_TO, parcels: [{ weightGrams: 1200 }] });
    expect(response.status).toBe(200);
    const { rates } = (await response.json()) as { rates: Array<{ service: string; amount: number; currency: string; estimatedDeliveryDate: string }> };
    expect(rates.map((rate) => rate.service)).toEqual(['GROUND', 'EXPRESS', 'OVERNIGHT']);
    for (const rate of rates) {
      expect(rate.currency).toBe('USD');
      expect(Number.isInteger(rate.amount) && rate.amount > 0).toBe(true);
      expect(rate.estimatedDeliveryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const { postalCode: _dropped, ...noPostalCode } = SHIP_TO;
    for (const shipTo of [noPostalCode, { ...SHIP_TO, country: 'USA' }]) {
      const refused = await call(sim, 'POST', '/v1/rates', { shipFrom: SHIP_FROM, shipTo, parcels: [{ weightGrams: 1200 }] });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ status: 422, code: 'ADDRESS_INVALID' });
    }
  });

  it('buys labels once per Idempotency-Key: the same request again is 200 with the same answer, another is 422', async () => {
    const sim = await startSim();
    const missingKey = await call(sim, 'POST', '/v1/shipments', shipmentRequest());
    expect(missingKey.status).toBe(400);
    expect(await missingKey.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED' });

    const first = await call(sim, 'POST', '/v1/shipments', shipmentRequest({ parcels: [{ weightGrams: 1200 }, { weightGrams: 800 }] }), { 'idempotency-key': 'ship-1' });
    expect(first.status).toBe(201);
    const answer = (await first.json()) as ShipmentAnswer;
    expect(answer).toMatchObject({ reference: 'ORD-1001', service: 'GROUND', status: 'label_created', rate: { currency: 'USD' } });
    expect(answer.shipmentId).toMatch(/^shp_/);
    expect(answer.parcels.map((parcel) => parcel.index)).toEqual([0, 1]);
    for (const parcel of answer.parcels) {
      expect(validTrackingNumber('ups', parcel.trackingNumber)).toBe(true);
      expect(parcel.trackingUrl).toBe(`https://www.ups.com/track?tracknum=${parcel.trackingNumber}`);
      expect(parcel.label).toMatchObject({ format: 'PDF', contentType: 'application/pdf' });
      const pdf = Buffer.from(parcel.label.data, 'base64');
      expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect((await PDFDocument.load(pdf)).getPage(0).getSize()).toEqual({ width: 288, height: 432 });
    }

    const again = await call(sim, 'POST', '/v1/shipments', shipmentRequest({ parcels: [{ weightGrams: 1200 }, { weightGrams: 800 }] }), { 'idempotency-key': 'ship-1' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(answer);
    const reused = await call(sim, 'POST', '/v1/shipments', shipmentRequest({ reference: 'ORD-1002' }), { 'idempotency-key': 'ship-1' });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(sim.shipments()).toHaveLength(1);
    expect(sim.requests().filter((entry) => entry.path === '/v1/shipments').map((entry) => [entry.status, entry.idempotencyKey ?? null, entry.replayed ?? false]))
      .toEqual([[400, null, false], [201, 'ship-1', false], [200, 'ship-1', true], [422, 'ship-1', false]]);
  });

  it('prints ZPL II labels with the tracking number in a Code 128 field, in each carrier format', async () => {
    for (const format of ['ups', 'fedex', 'usps', 'dhl'] as const) {
      const sim = await startSim({ format });
      const answer = await createShipment(sim, `zpl-${format}`, { labelFormat: 'ZPL', service: 'EXPRESS' });
      const parcel = answer.parcels[0]!;
      expect(validTrackingNumber(format, parcel.trackingNumber), parcel.trackingNumber).toBe(true);
      expect(parcel.label.contentType).toBe('application/x-zpl');
      const zpl = Buffer.from(parcel.label.data, 'base64').toString('utf8');
      expect(zpl.startsWith('^XA')).toBe(true);
      expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
      expect(zpl).toContain(`^BCN,240,Y,N,N,A^FH^FD${parcel.trackingNumber}^FS`);
    }
  });

  it('voids a shipment before pickup (twice: the same answer) and refuses once a parcel was picked up', async () => {
    const sim = await startSim();
    const early = await createShipment(sim, 'void-early');
    for (let time = 0; time < 2; time += 1) {
      const voided = await call(sim, 'POST', `/v1/shipments/${early.shipmentId}/void`);
      expect(voided.status).toBe(200);
      expect(await voided.json()).toEqual({ shipmentId: early.shipmentId, status: 'voided' });
    }
    const tracking = sim.tracking(early.parcels[0]!.trackingNumber);
    expect(tracking?.status).toBe('voided');
    expect(tracking?.events.map((event) => event.code)).toEqual(['LC', 'VD']);
    expect(tracking?.estimatedDeliveryDate).toBeUndefined();

    const late = await createShipment(sim, 'void-late');
    sim.advance(late.parcels[0]!.trackingNumber);
    const refused = await call(sim, 'POST', `/v1/shipments/${late.shipmentId}/void`);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'ALREADY_IN_TRANSIT' });

    const unknown = await call(sim, 'POST', '/v1/shipments/shp_nope/void');
    expect(unknown.status).toBe(404);
  });

  it('tracks one number or many; events come oldest first and a delay moves the estimate', async () => {
    const sim = await startSim();
    const answer = await createShipment(sim, 'track-1', { parcels: [{ weightGrams: 500 }, { weightGrams: 700 }] });
    const [first, second] = answer.parcels.map((parcel) => parcel.trackingNumber) as [string, string];

    expect((await control(sim, `/parcels/${first}/advance`)).status).toBe(201);
    const delayed = await control(sim, `/parcels/${first}/events`, {
      code: 'EX-DLY', estimatedDeliveryDate: '2099-01-05', location: { city: 'Memphis', region: 'TN', country: 'US' }, description: 'Weather delay',
    });
    expect(delayed.status).toBe(201);
    const late = await control(sim, `/parcels/${first}/events`, { code: 'IT', occurredAt: '2000-01-01T00:00:00Z' });
    expect(late.status).toBe(201);

    const single = await call(sim, 'GET', `/v1/tracking/${first}`);
    expect(single.status).toBe(200);
    const view = (await single.json()) as TrackingView;
    expect(view.trackingNumber).toBe(first);
    expect(view.events.map((event) => event.code)).toEqual(['IT', 'LC', 'PU', 'EX-DLY']);
    expect(view.status).toBe('exception');
    expect(view.estimatedDeliveryDate).toBe('2099-01-05');
    expect(view.events[3]).toMatchObject({ description: 'Weather delay', location: { city: 'Memphis', region: 'TN', country: 'US' } });
    expect(new Set(view.events.map((event) => event.id)).size).toBe(4);

    const batch = await call(sim, 'GET', `/v1/tracking?numbers=${second},1Z999AA10000000000,${first}`);
    const { results, unknown } = (await batch.json()) as { results: TrackingView[]; unknown: string[] };
    expect(results.map((result) => [result.trackingNumber, result.status])).toEqual([[second, 'label_created'], [first, 'exception']]);
    expect(unknown).toEqual(['1Z999AA10000000000']);

    expect((await call(sim, 'GET', '/v1/tracking/1Z999AA10000000000')).status).toBe(404);
    const tooMany = Array.from({ length: 51 }, (_, index) => `N${index}`).join(',');
    expect((await call(sim, 'GET', `/v1/tracking?numbers=${tooMany}`)).status).toBe(400);
    expect((await control(sim, `/parcels/${first}/events`, { code: 'SHIPPED' })).status).toBe(400);
    expect((await control(sim, '/parcels/1Z999AA10000000000/advance')).status).toBe(404);
  });

  it('walks a parcel through the scripted steps to delivered, and then no further', async () => {
    const sim = await startSim();
    const trackingNumber = (await createShipment(sim, 'walk')).parcels[0]!.trackingNumber;
    while (sim.advance(trackingNumber)) { /* next step */ }
    const view = sim.tracking(trackingNumber);
    expect(view?.events.map((event) => event.code)).toEqual(['LC', 'PU', 'IT', 'IT', 'OD', 'DL']);
    expect(view?.status).toBe('delivered');
    expect(view?.events.at(-1)?.location).toMatchObject({ city: 'Portland', country: 'US' });
    expect((await control(sim, `/parcels/${trackingNumber}/advance`)).status).toBe(409);
  });
});

describe('carrier simulator: webhooks', () => {
  it('posts a signed tracking.updated webhook for every event', async () => {
    const receiver = await startReceiver();
    const sim = await startSim({ webhook: { url: receiver.url, secret: SECRET } });
    const answer = await createShipment(sim, 'hook-1');
    const trackingNumber = answer.parcels[0]!.trackingNumber;
    sim.advance(trackingNumber);
    const received = await receiver.waitFor(2);
    await sim.webhooksSettled();
    expect(received.every((hook) => hook.signatureValid)).toBe(true);
    expect(received[0]!.headers['parcelco-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received.map((hook) => hook.body.data.event.code)).toEqual(['LC', 'PU']);
    const [created, pickedUp] = received.map((hook) => hook.body) as [WebhookBody, WebhookBody];
    expect(created).toMatchObject({
      type: 'tracking.updated',
      data: { trackingNumber, shipmentId: answer.shipmentId, reference: 'ORD-1001', status: 'label_created', estimatedDeliveryDate: answer.estimatedDeliveryDate },
    });
    expect(pickedUp.data.status).toBe('in_transit');
    expect(pickedUp.data.event).toEqual(sim.tracking(trackingNumber)?.events[1]);
    expect(created.id).not.toBe(pickedUp.id);
    expect(Date.parse(created.createdAt)).not.toBeNaN();
  });

  it('sends each webhook twice with the same id and body when asked', async () => {
    const receiver = await startReceiver();
    const sim = await startSim({ webhook: { url: receiver.url, secret: SECRET } });
    const faults = await control(sim, '/faults', { webhook: { duplicate: true } });
    expect(await faults.json()).toMatchObject({ faults: { webhook: { duplicate: true, shuffle: false, failFirst: 0 } } });
    await createShipment(sim, 'dup-1');
    const received = await receiver.waitFor(2);
    await sim.webhooksSettled();
    expect(received).toHaveLength(2);
    expect(received[0]!.body.id).toBe(received[1]!.body.id);
    expect(received[0]!.raw).toBe(received[1]!.raw);
    expect(received.every((hook) => hook.signatureValid)).toBe(true);
    expect(sim.webhooks().map((delivery) => delivery.copy)).toEqual([1, 2]);
  });

  it('delivers queued webhooks in another order than the events when shuffling', async () => {
    const receiver = await startReceiver();
    const sim = await startSim({ webhook: { url: receiver.url, secret: SECRET, shuffleWindowMs: 100 } });
    sim.setFaults({ webhook: { shuffle: true } });
    const answer = await createShipment(sim, 'shuffle-1', { parcels: [{ weightGrams: 500 }, { weightGrams: 600 }, { weightGrams: 700 }] });
    const trackingNumber = answer.parcels[0]!.trackingNumber;
    const recorded = [
      ...answer.parcels.map((parcel) => sim.tracking(parcel.trackingNumber)!.events[0]!.id),
      sim.advance(trackingNumber)!.id,
      sim.advance(trackingNumber)!.id,
    ];
    const received = await receiver.waitFor(5);
    await sim.webhooksSettled();
    const order = received.map((hook) => hook.body.data.event.id);
    expect([...order].sort()).toEqual([...recorded].sort());
    expect(order).not.toEqual(recorded);
    expect(received.every((hook) => hook.signatureValid)).toBe(true);
  });

  it('retries after a 500 with the same id until the receiver takes it', async () => {
    const receiver = await startReceiver();
    receiver.answerNext(500, 503);
    const sim = await startSim({ webhook: { url: receiver.url, secret: SECRET, baseDelayMs: 20 } });
    await createShipment(sim, 'retry-1');
    const received = await receiver.waitFor(3);
    await sim.webhooksSettled();
    expect(new Set(received.map((hook) => hook.body.id)).size).toBe(1);
    expect(received.every((hook) => hook.signatureValid)).toBe(true);
    expect(sim.webhooks()).toEqual([expect.objectContaining({ attempts: 3, httpStatus: 200, delivered: true })]);
  });

  it('sends a webhook again when its answer is "lost" (failFirst)', async () => {
    const receiver = await startReceiver();
    const sim = await startSim({ webhook: { url: receiver.url, secret: SECRET, baseDelayMs: 20 } });
    sim.setFaults({ webhook: { failFirst: 2 } });
    await createShipment(sim, 'lost-1');
    const received = await receiver.waitFor(3);
    await sim.webhooksSettled();
    expect(received.map((hook) => hook.body.id)).toEqual(Array(3).fill(received[0]!.body.id));
    expect(sim.webhooks()[0]).toMatchObject({ attempts: 3, delivered: true });
    expect(sim.faults().webhook.failFirst).toBe(0);
  });

  it('gives up after the configured attempts', async () => {
    const receiver = await startReceiver();
    receiver.answerNext(500, 500, 500, 500);
    const sim = await startSim({ webhook: { url: receiver.url, secret: SECRET, attempts: 3, baseDelayMs: 10 } });
    await createShipment(sim, 'give-up');
    await sim.webhooksSettled();
    expect(receiver.received).toHaveLength(3);
    expect(sim.webhooks()[0]).toMatchObject({ attempts: 3, delivered: false, httpStatus: 500, lastError: 'HTTP 500' });
  });
});

describe('carrier simulator: faults and demo mode', () => {
  it('answers 429 with Retry-After once the rate budget is spent, until the limit is cleared', async () => {
    const sim = await startSim();
    const set = await control(sim, '/faults', { rateLimit: { remaining: 2, retryAfterSeconds: 3 } });
    expect(await set.json()).toMatchObject({ faults: { rateLimit: { remaining: 2, retryAfterSeconds: 3 } } });
    expect((await call(sim, 'GET', '/v1/tracking/X1')).status).toBe(404);
    expect((await call(sim, 'GET', '/v1/tracking/X1')).status).toBe(404);
    const limited = await call(sim, 'GET', '/v1/tracking/X1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await call(sim, 'GET', '/v1/tracking/X1')).status).toBe(429);
    sim.setFaults({ rateLimit: null });
    expect((await call(sim, 'GET', '/v1/tracking/X1')).status).toBe(404);
  });

  it('answers 503 to every /v1 call during an outage, for a count of calls or until a moment', async () => {
    const sim = await startSim();
    sim.setFaults({ outage: { count: 2 } });
    const down = await call(sim, 'POST', '/v1/shipments', shipmentRequest(), { 'idempotency-key': 'outage-1' });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect((await fetch(`${sim.url}/v1/rates`, { method: 'POST' })).status).toBe(503);
    expect(sim.shipments()).toHaveLength(0);
    await createShipment(sim, 'outage-1');

    sim.setFaults({ outage: { untilMs: Date.now() + 400 } });
    const timed = await call(sim, 'GET', '/v1/tracking/X1');
    expect(timed.status).toBe(503);
    expect(timed.headers.get('retry-after')).toBe('1');
    expect((await control(sim, '/faults', {})).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await call(sim, 'GET', '/v1/tracking/X1')).status).toBe(404);
    expect(sim.faults().outage).toBeNull();
    expect(sim.requests().filter((entry) => entry.status === 503)).toHaveLength(3);
  });

  it('moves every parcel by itself in demo mode, with a webhook per step', async () => {
    const receiver = await startReceiver();
    const sim = await startSim({ autoProgress: { stepMs: 40 }, webhook: { url: receiver.url, secret: SECRET } });
    const trackingNumber = (await createShipment(sim, 'auto-1')).parcels[0]!.trackingNumber;
    const received = await receiver.waitFor(6);
    expect(received.map((hook) => hook.body.data.event.code)).toEqual(['LC', 'PU', 'IT', 'IT', 'OD', 'DL']);
    expect(received.at(-1)?.body.data.status).toBe('delivered');
    expect(sim.tracking(trackingNumber)?.status).toBe('delivered');
  });
});
