/**
 * The gateway's HTTP app: the hosted field page, tokenization with the publishable
 * key, and the server API behind the secret key and the injected faults. Every
 * failure answers `{ "error": { "code", "message" } }`.
 */
import { Hono } from 'hono';
import { FieldError } from '../shared/json-fields.js';
import { ApiError, errorBody } from './api-error.js';
import { requireSecretKey } from './api-keys.js';
import type { AuthorizationBook } from './authorization-book.js';
import { createAuthorizationRoutes } from './authorization-routes.js';
import { injectFaults } from './fault-injection.js';
import type { Faults } from './faults.js';
import { createHostedFieldRoutes } from './hosted-field.js';
import type { IdempotencyLedger } from './idempotency.js';
import { logRequests } from '../shared/request-log.js';
import { createTokenRoutes } from './token-routes.js';
import type { GatewayRequestLogEntry } from './types.js';
import type { CardVault } from './vault.js';

export interface GatewayAppDeps {
  secretKey: string;
  publishableKey: string;
  vault: CardVault;
  book: AuthorizationBook;
  ledger: IdempotencyLedger;
  faults: Faults;
  log: GatewayRequestLogEntry[];
  /** Aborted on close: ends delayed answers early. */
  signal: AbortSignal;
}

export function createGatewayApp(deps: GatewayAppDeps): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message), error.status);
    if (error instanceof FieldError) return c.json(errorBody('invalid_request', error.message), 400);
    return c.json(errorBody('internal', 'the gateway failed to handle the request; retry later'), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.use('*', logRequests(deps.log));

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/hosted-field', createHostedFieldRoutes());
  app.route('/v1/tokens', createTokenRoutes(deps));

  const server = new Hono();
  server.use('*', injectFaults(deps.faults, deps.signal));
  server.use('*', requireSecretKey(deps.secretKey, deps.publishableKey));
  server.get('/account', (c) => c.json({ id: 'acct_simulated', mode: 'test' }));
  server.route('/authorizations', createAuthorizationRoutes(deps));
  app.route('/v1', server);
  return app;
}
