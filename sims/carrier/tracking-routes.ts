/**
 * Tracking: `GET /v1/tracking/:trackingNumber` (404 unknown) and
 * `GET /v1/tracking?numbers=a,b,…` for up to 50 numbers at once, known ones in
 * `results` (in the order asked) and the rest in `unknown`.
 */
import { Hono } from 'hono';
import { ProblemError } from './problem.js';
import type { ShipmentBook } from './shipment-book.js';
import { normalizeTrackingNumber } from './tracking-numbers.js';
import type { TrackingView } from './types.js';
import { trackingView } from './views.js';

export const MAX_NUMBERS_PER_CALL = 50;

export function createTrackingRoutes(book: ShipmentBook): Hono {
  const app = new Hono();

  app.get('/', (c) => {
    const numbers = [...new Set((c.req.query('numbers') ?? '').split(',').map(normalizeTrackingNumber).filter((number) => number))];
    if (numbers.length === 0) throw new ProblemError(400, 'INVALID_REQUEST', 'send ?numbers=<tracking number>,<tracking number>,…');
    if (numbers.length > MAX_NUMBERS_PER_CALL) {
      throw new ProblemError(400, 'TOO_MANY_NUMBERS', `at most ${MAX_NUMBERS_PER_CALL} tracking numbers per call, not ${numbers.length}`);
    }
    const results: TrackingView[] = [];
    const unknown: string[] = [];
    for (const number of numbers) {
      const parcel = book.parcel(number);
      if (parcel) results.push(trackingView(parcel));
      else unknown.push(number);
    }
    return c.json({ results, unknown });
  });

  app.get('/:trackingNumber', (c) => {
    const parcel = book.parcel(c.req.param('trackingNumber'));
    if (!parcel) throw new ProblemError(404, 'TRACKING_NOT_FOUND', `no parcel with tracking number ${c.req.param('trackingNumber')}`);
    return c.json(trackingView(parcel));
  });

  return app;
}
