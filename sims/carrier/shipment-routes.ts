/**
 * Shipments: `POST /v1/shipments` buys labels once per Idempotency-Key (201; a repeat
 * 200 with the same answer), `POST /v1/shipments/:id/void` voids them before pickup,
 * `GET /v1/shipments/:id` shows a shipment and where its parcels are.
 */
import { Hono, type Context } from 'hono';
import { requestFingerprint, type IdempotencyLedger } from './idempotency.js';
import { ProblemError } from './problem.js';
import { REPLAYED_HEADER } from '../shared/request-log.js';
import { readJsonObject, readShipmentRequest } from './request-body.js';
import { makeShipment, type ShipmentMakerDeps } from './shipment-maker.js';
import { trackingView } from './views.js';

export interface ShipmentRoutesDeps extends ShipmentMakerDeps {
  ledger: IdempotencyLedger;
}

export function createShipmentRoutes(deps: ShipmentRoutesDeps): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const key = requireIdempotencyKey(c);
    const body = await readJsonObject(c);
    const { answer, replayed } = await deps.ledger.run(key, requestFingerprint('POST', '/v1/shipments', body), async () => {
      return { status: 201, body: await makeShipment(readShipmentRequest(body), key, deps) };
    });
    if (replayed) c.header(REPLAYED_HEADER, 'true');
    return c.json(answer.body, answer.status);
  });

  app.post('/:id/void', (c) => {
    const shipment = deps.book.void(c.req.param('id'));
    return c.json({ shipmentId: shipment.shipmentId, status: shipment.status });
  });

  app.get('/:id', (c) => {
    const shipment = deps.book.find(c.req.param('id'));
    if (!shipment) throw new ProblemError(404, 'SHIPMENT_NOT_FOUND', `no shipment ${c.req.param('id')}`);
    return c.json({
      shipmentId: shipment.shipmentId,
      reference: shipment.reference,
      service: shipment.service,
      status: shipment.status,
      parcels: shipment.parcels.map((parcel) => ({ index: parcel.index, trackingUrl: parcel.trackingUrl, ...trackingView(parcel) })),
      rate: shipment.rate,
      estimatedDeliveryDate: shipment.estimatedDeliveryDate,
      createdAt: shipment.createdAt,
    });
  });

  return app;
}

function requireIdempotencyKey(c: Context): string {
  const key = c.req.header('idempotency-key')?.trim();
  if (!key) throw new ProblemError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header: the same key on every retry of one shipment');
  if (key.length > 255) throw new ProblemError(400, 'IDEMPOTENCY_KEY_INVALID', 'the Idempotency-Key must be at most 255 characters');
  return key;
}
