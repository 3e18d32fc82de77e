/**
 * `POST /v1/tokens`: what a hosted field calls from the customer's (or agent's)
 * browser. The card goes to the gateway; only the token, brand and last four digits
 * come back, and only those ever reach the merchant's systems.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { requireTokenKey } from './api-keys.js';
import { readCardEntry } from './card-entry.js';
import { readJsonObject } from './request-body.js';
import type { CardVault } from './vault.js';

export interface TokenRoutesDeps {
  vault: CardVault;
  secretKey: string;
  publishableKey: string;
}

export function createTokenRoutes(deps: TokenRoutesDeps): Hono {
  const app = new Hono();
  app.use('*', cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['authorization', 'content-type'] }));
  app.use('*', requireTokenKey(deps.secretKey, deps.publishableKey));
  app.post('/', async (c) => {
    const entry = deps.vault.tokenize(readCardEntry(await readJsonObject(c)));
    return c.json({ token: entry.token, brand: entry.brand, lastFour: entry.lastFour, expMonth: entry.expMonth, expYear: entry.expYear }, 201);
  });
  return app;
}
