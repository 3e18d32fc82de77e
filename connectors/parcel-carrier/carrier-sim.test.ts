/**
 * The connector against the carrier simulator (sims/carrier) over loopback HTTP:
 * booking once per idempotency key (PDF and ZPL labels), the instance's sender address,
 * refusals in words, voids before and after pickup, tracking in batches, the same
 * events by webhook and by poll, rate limits and outages as transient errors, and check.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConfigAjv } from '../../src/config/ajv.js';
import { loadMapping } from '../../src/mapping/index.js';
import {
  PermanentError, TransientError, type ConnectorInstance, type InboundRequest, type ShipmentRequest, type StatusEventIn,
} from '../../src/sdk/index.js';
import { standInServices } from '../../src/sdk/testkit/stand-ins.js';
import { startCarrierSim, type CarrierSim, type CarrierSimOptions } from '../../sims/carrier/index.js';
import { closeServer } from '../../sims/shared/http-server.js';
import connector from './index.js';
import type { ParcelCarrierConfig } from './config.js';

const API_KEY = 'pc_test_connector_0123456789';
const SECRET = 'whsec_connector_test_0123456789';
const SHIP_FROM = { name: 'Hub DC East', line1: '1 Dock Rd', city: 'Newark', region: 'NJ', postalCode: '07102', country: 'US' };
const SHIP_TO = { name: 'Ada Lovelace', line1: '5 Main St', line2: 'Apt 2', city: 'Portland', region: 'OR', postalCode: '97201', country: 'US', phone: '+15035550100' };
const log = pino({ level: 'silent' });

let statusMapping: (input: unknown) => Record<string, unknown>;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  const mapping = await loadMapping(resolve(import.meta.dirname, '../../mappings/parcelco-tracking.json'));
  statusMapping = (input) => mapping.apply(input);
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startSim(options: CarrierSimOptions = {}): Promise<CarrierSim> {
  const sim = await startCarrierSim({ apiKey: API_KEY, ...options });
  cleanups.push(() => sim.close());
  return sim;
}

/** Settings as the hub hands them: validated against the schema, defaults filled in. */
function settings(given: Record<string, unknown>): ParcelCarrierConfig {
  const validate = createConfigAjv().compile(connector.configSchema);
  const value = structuredClone(given);
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  return value as unknown as ParcelCarrierConfig;
}

async function instance(url: string, more: Record<string, unknown> = {}): Promise<ConnectorInstance> {
  const config = settings({ url, apiKey: API_KEY, webhookSecret: SECRET, shipFrom: SHIP_FROM, ...more });
  return connector.create({ instanceId: 'parcelco', channel: undefined, config, log, fileLayouts: [], ...standInServices(), statusMapping });
}

function booking(n: number, more: Partial<ShipmentRequest> = {}): ShipmentRequest {
  return {
    hubOrderId: `01HORDER${n}`, reference: `K7F-${n}`, shipTo: SHIP_TO, labelFormat: 'PDF', idempotencyKey: `booking-${n}`,
    parcels: [{ lines: [{ lineId: '1', quantity: 1 }], weightGrams: 1200 }, { lines: [{ lineId: '2', quantity: 2 }], weightGrams: 800 }],
    ...more,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(() => undefined, (error: unknown) => error);
  if (!(outcome instanceof Error)) throw new Error('expected the call to fail');
  return outcome;
}

describe('parcel-carrier settings and creation', () => {
  it('fills the documented defaults', () => {
    const config = settings({ url: 'http://127.0.0.1:1', apiKey: API_KEY, shipFrom: SHIP_FROM });
    expect(config).toMatchObject({
      toleranceSeconds: 300, carrierName: 'ParcelCo', defaultService: 'GROUND', timeoutMs: 10000,
      tracking: { everyMs: 900000, maxEveryMs: 43200000, tickMs: 60000, batchSize: 50 },
    });
  });

  it('refuses to create an instance without a status mapping, saying what to add', async () => {
    const config = settings({ url: 'http://127.0.0.1:1', apiKey: API_KEY, shipFrom: SHIP_FROM });
    const error = await failureOf(Promise.resolve().then(() => connector.create({ instanceId: 'parcelco', channel: undefined, config, log, fileLayouts: [], ...standInServices() })));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'NO_STATUS_MAPPING' });
    expect((error as PermanentError).hint).toMatch(/mappings: \{ status: mappings\/parcelco-tracking\.json \}/);
  });

  it('offers the tracking schedule of its settings', async () => {
    const carrier = await instance('http://127.0.0.1:1', { tracking: { everyMs: 60000, batchSize: 10 } });
    expect(carrier.tracking).toMatchObject({ everyMs: 60000, maxEveryMs: 43200000, tickMs: 60000, batchSize: 10 });
  });
});

describe('parcel-carrier against the carrier simulator', () => {
  it('books once per idempotency key, from the instance\'s address, with PDF labels and the charge', async () => {
    const sim = await startSim();
    const carrier = await instance(sim.url);
    const booked = await carrier.shipping!.book(booking(1));
    expect(booked).toMatchObject({ carrier: 'ParcelCo', service: 'GROUND', charge: { currency: 'USD' } });
    expect(booked.charge!.amount).toBeGreaterThan(0);
    expect(booked.parcels).toHaveLength(2);
    for (const parcel of booked.parcels) {
      expect(parcel.label).toMatchObject({ format: 'PDF', contentType: 'application/pdf' });
      expect(parcel.label.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(parcel.trackingUrl).toContain(parcel.trackingNumber);
    }
    const kept = sim.shipment(booked.shipmentId)!;
    expect(kept).toMatchObject({ reference: 'K7F-1', shipFrom: SHIP_FROM, idempotencyKey: 'booking-1', parcels: [{ weightGrams: 1200 }, { weightGrams: 800 }] });
    expect(kept.parcels.map((p) => p.trackingNumber)).toEqual(booked.parcels.map((p) => p.trackingNumber));

    const again = await carrier.shipping!.book(booking(1));
    expect(again.shipmentId).toBe(booked.shipmentId);
    expect(sim.shipments()).toHaveLength(1);
    expect(sim.requests().filter((r) => r.path === '/v1/shipments').map((r) => r.status)).toEqual([201, 200]);
  });

  it('books ZPL labels with the request\'s own sender and service', async () => {
    const sim = await startSim();
    const carrier = await instance(sim.url);
    const shipFrom = { name: 'Store 12', line1: '9 High St', city: 'Boston', region: 'MA', postalCode: '02108', country: 'US' };
    const booked = await carrier.shipping!.book(booking(2, { labelFormat: 'ZPL', service: 'EXPRESS', shipFrom, parcels: [{ lines: [], weightGrams: 500 }] }));
    expect(booked.service).toBe('EXPRESS');
    expect(booked.parcels[0]!.label).toMatchObject({ format: 'ZPL', contentType: 'application/x-zpl' });
    expect(booked.parcels[0]!.label.data.toString('utf8')).toMatch(/^\^XA/);
    expect(sim.shipment(booked.shipmentId)!.shipFrom).toEqual(shipFrom);
  });

  it('refuses a bad address and a reused key in words that name the order', async () => {
    const sim = await startSim();
    const carrier = await instance(sim.url);
    const noPostcode = await failureOf(carrier.shipping!.book(booking(3, { shipTo: { ...SHIP_TO, postalCode: undefined } })));
    expect(noPostcode).toMatchObject({ kind: 'permanent', code: 'CARRIER_ADDRESS_INVALID' });
    expect(noPostcode.message).toMatch(/^ParcelCo booking for order K7F-3: HTTP 422 ADDRESS_INVALID: shipTo\.postalCode is required/);
    await carrier.shipping!.book(booking(4));
    const reused = await failureOf(carrier.shipping!.book(booking(5, { idempotencyKey: 'booking-4' })));
    expect(reused).toMatchObject({ kind: 'permanent', code: 'CARRIER_IDEMPOTENCY_CONFLICT' });
    expect(reused.message).toContain('K7F-5');
  });

  it('voids before pickup, and refuses in words once the carrier has the parcels', async () => {
    const sim = await startSim();
    const carrier = await instance(sim.url);
    const first = await carrier.shipping!.book(booking(6));
    await carrier.shipping!.void(first.shipmentId);
    expect(sim.shipment(first.shipmentId)!.status).toBe('voided');
    await carrier.shipping!.void(first.shipmentId);

    const second = await carrier.shipping!.book(booking(7));
    sim.advance(second.parcels[0]!.trackingNumber);
    const late = await failureOf(carrier.shipping!.void(second.shipmentId));
    expect(late).toBeInstanceOf(PermanentError);
    expect(late).toMatchObject({ code: 'CARRIER_ALREADY_IN_TRANSIT' });
    expect(late.message).toContain(second.shipmentId);
    expect(await failureOf(carrier.shipping!.void('shp_nope'))).toMatchObject({ code: 'CARRIER_NOT_FOUND' });
  });

  it('tracks parcels in batches of batchSize, every event mapped, unknown numbers said so', async () => {
    const sim = await startSim();
    const carrier = await instance(sim.url, { tracking: { batchSize: 2 } });
    const booked = await carrier.shipping!.book(booking(8, { parcels: [1, 2, 3].map(() => ({ lines: [], weightGrams: 400 })) }));
    const [a, b, c] = booked.parcels.map((p) => p.trackingNumber) as [string, string, string];
    sim.advance(a);
    sim.addEvent(a, { code: 'EX-ADDR', location: { city: 'Newark', region: 'NJ', country: 'US' } });

    const tracked = await carrier.tracking!.track([a, b, c, a, '1Z999AA10399999999']);
    expect(sim.requests().filter((r) => r.path.startsWith('/v1/tracking'))).toHaveLength(2);
    expect(tracked.map((t) => t.trackingNumber)).toEqual([a, b, c, '1Z999AA10399999999']);
    expect(tracked[0]!.events.map((e) => [e.parcel?.status, e.parcel?.code])).toEqual([['label_created', 'LC'], ['in_transit', 'PU'], ['exception', 'EX-ADDR']]);
    expect(tracked[0]!.events[2]).toMatchObject({ type: 'tracking', shipment: { trackingNumber: a, carrier: 'ParcelCo' }, parcel: { location: 'Newark, NJ, US' } });
    expect(tracked[0]!.events.map((e) => e.eventId)).toEqual(sim.tracking(a)!.events.map((e) => e.id));
    expect(tracked[1]!.events).toHaveLength(1);
    expect(tracked[3]).toEqual({ trackingNumber: '1Z999AA10399999999', events: [], unknown: true });
    expect(await carrier.tracking!.track([])).toEqual([]);
  });

  it('gives the same events by signed webhook as by poll', async () => {
    const received: StatusEventIn[] = [];
    const refused: string[] = [];
    let carrier: ConnectorInstance | undefined;
    const hook = await startHookReceiver(async (request) => {
      const result = await carrier!.receive!(request, undefined as never);
      if (result.kind === 'status') received.push(...result.events);
    }, refused);
    const sim = await startSim({ webhook: { url: `${hook}/in/parcelco/tracking`, secret: SECRET, baseDelayMs: 20 } });
    carrier = await instance(sim.url);
    const booked = await carrier.shipping!.book(booking(9, { parcels: [{ lines: [], weightGrams: 300 }] }));
    const number = booked.parcels[0]!.trackingNumber;
    sim.advance(number);
    sim.addEvent(number, { code: 'EX-DLY' });
    sim.advance(number);
    await sim.webhooksSettled();

    const [polled] = await carrier.tracking!.track([number]);
    expect(refused).toEqual([]);
    // The estimate is the parcel's now: a poll gives it with the newest event only.
    const withoutEstimate = (events: StatusEventIn[]) => events.map(({ expectedDate: _, ...event }) => event).sort((x, y) => x.eventId.localeCompare(y.eventId));
    expect(withoutEstimate(received)).toEqual(withoutEstimate(polled!.events));
    expect(received.at(-1)).toEqual(polled!.events.at(-1));
    expect(polled!.events.slice(0, -1).every((event) => event.expectedDate === undefined)).toBe(true);
    expect(received.map((e) => e.parcel?.status)).toEqual(['label_created', 'in_transit', 'exception', 'in_transit']);
  });

  it('refuses webhooks signed with another secret (401), so the carrier retries them', async () => {
    const refused: string[] = [];
    let carrier: ConnectorInstance | undefined;
    const hook = await startHookReceiver(async (request) => {
      await carrier!.receive!(request, undefined as never);
    }, refused);
    const sim = await startSim({ webhook: { url: `${hook}/in/parcelco/tracking`, secret: 'another-secret-0123456789', attempts: 1 } });
    carrier = await instance(sim.url);
    await carrier.shipping!.book(booking(10, { parcels: [{ lines: [], weightGrams: 300 }] }));
    await sim.webhooksSettled();
    expect(refused).toEqual(['BAD_SIGNATURE']);
    expect(sim.webhooks()[0]).toMatchObject({ httpStatus: 401, delivered: false });
  });

  it('makes rate limits and outages transient, with the carrier\'s Retry-After', async () => {
    const sim = await startSim();
    const carrier = await instance(sim.url);
    sim.setFaults({ rateLimit: { remaining: 0, retryAfterSeconds: 7 } });
    const limited = await failureOf(carrier.tracking!.track(['1Z999AA10399999999']));
    expect(limited).toBeInstanceOf(TransientError);
    expect(limited).toMatchObject({ code: 'CARRIER_RATE_LIMITED', retryAfterMs: 7000 });
    sim.setFaults({ rateLimit: null, outage: { count: 1 } });
    const down = await failureOf(carrier.shipping!.book(booking(11)));
    expect(down).toMatchObject({ kind: 'transient', code: 'CARRIER_UNAVAILABLE' });
    expect(down.message).toMatch(/^ParcelCo booking for order K7F-11: HTTP 503/);
    expect((await carrier.shipping!.book(booking(11))).parcels).toHaveLength(2);
  });

  it('refuses with a hint about the API key when the carrier does not take it', async () => {
    const sim = await startSim();
    const carrier = await instance(sim.url, { apiKey: 'pc_test_wrong_key_000' });
    const error = await failureOf(carrier.shipping!.book(booking(12)));
    expect(error).toMatchObject({ kind: 'permanent', code: 'CARRIER_UNAUTHORIZED' });
    expect((error as PermanentError).hint).toMatch(/apiKey/);
    expect(await carrier.check!()).toMatchObject({ ok: false, detail: expect.stringMatching(/refused the API key/) });
  });

  it('checks reachability and the key', async () => {
    const sim = await startSim();
    expect(await (await instance(sim.url)).check!()).toEqual({ ok: true, detail: 'ParcelCo answered and accepted the API key' });
    const url = sim.url;
    await sim.close();
    const gone = await (await instance(url, { timeoutMs: 500 })).check!();
    expect(gone.ok).toBe(false);
    expect(gone.detail).toMatch(/^ParcelCo check: GET/);
  });
});

/**
 * A loopback HTTP server in front of the instance's `receive`, as the hub's
 * `/in/<instance>/…` route: 200 when it takes the webhook, 401 (code in `refused`) when not.
 */
async function startHookReceiver(handle: (request: InboundRequest) => Promise<void>, refused: string[]): Promise<string> {
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const headers = Object.fromEntries(Object.entries(incoming.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v ?? '']));
      const path = (incoming.url ?? '').replace(/^\/in\/parcelco/, '').split('?')[0] ?? '';
      const request: InboundRequest = { method: incoming.method ?? 'GET', path, query: {}, headers, body: Buffer.concat(chunks), receivedAt: new Date() };
      handle(request).then(
        () => outgoing.writeHead(200).end(),
        (error: unknown) => {
          refused.push((error as { code?: string }).code ?? String(error));
          outgoing.writeHead(401).end();
        },
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cleanups.push(() => closeServer(server));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
