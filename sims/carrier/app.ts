/**
 * The carrier's HTTP app: `/v1` behind the outage, the API key and the rate limit
 * (rates, shipments, tracking), the control API under `/_sim`, and `/healthz`. Every
 * failure answers problem JSON.
 */
import { Hono } from 'hono';
import { FieldError } from '../shared/json-fields.js';
import { createControlApi, type CarrierControls } from './control-api.js';
import type { CarrierFaults } from './faults.js';
import { apiKeyGate, outageGate, rateLimitGate } from './gates.js';
import type { IdempotencyLedger } from './idempotency.js';
import { ProblemError, problemResponse } from './problem.js';
import { createRateRoutes } from './rate-routes.js';
import { logRequests } from '../shared/request-log.js';
import type { ShipmentBook } from './shipment-book.js';
import { createShipmentRoutes } from './shipment-routes.js';
import type { TrackingIssuer } from './tracking-issuer.js';
import { createTrackingRoutes } from './tracking-routes.js';
import type { CarrierRequestLogEntry } from './types.js';

export interface CarrierAppDeps {
  apiKey: string;
  book: ShipmentBook;
  issuer: TrackingIssuer;
  ledger: IdempotencyLedger;
  faults: CarrierFaults;
  log: CarrierRequestLogEntry[];
  controls: CarrierControls;
  now: () => Date;
}

export function createCarrierApp(deps: CarrierAppDeps): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.status, error.code, error.message);
    if (error instanceof FieldError) return problemResponse(c, 400, 'INVALID_REQUEST', error.message);
    return problemResponse(c, 500, 'INTERNAL', 'ParcelCo failed to handle the request; retry later');
  });
  app.notFound((c) => problemResponse(c, 404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`));

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/_sim', createControlApi(deps.controls));

  const api = new Hono();
  api.use('*', logRequests(deps.log));
  api.use('*', outageGate(deps.faults));
  api.use('*', apiKeyGate(deps.apiKey));
  api.use('*', rateLimitGate(deps.faults));
  api.route('/rates', createRateRoutes(deps.now));
  api.route('/shipments', createShipmentRoutes(deps));
  api.route('/tracking', createTrackingRoutes(deps.book));
  app.route('/v1', api);
  return app;
}
