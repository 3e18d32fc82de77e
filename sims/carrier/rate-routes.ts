/** `POST /v1/rates`: a quote for every service, from the addresses and the parcels. */
import { Hono } from 'hono';
import { quoteRates } from './rates.js';
import { readJsonObject, readRateRequest } from './request-body.js';

export function createRateRoutes(now: () => Date): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const request = readRateRequest(await readJsonObject(c));
    return c.json({ rates: quoteRates(request, now()) });
  });
  return app;
}
