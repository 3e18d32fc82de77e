/**
 * The hub's HTTP application, built from its dependencies so tests can call
 * `app.request()` without a port. Every error leaves as problem+json; nothing
 * internal (stack, secrets, personal data) is echoed back.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { adminRoutes } from '../admin/admin-routes.js';
import { authRoutes } from '../auth/auth-routes.js';
import { Credentials } from '../auth/credentials.js';
import { authenticate, requirePermission } from '../auth/middleware.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { isHubError } from '../sdk/errors/index.js';
import { scrubText } from '../obs/scrub.js';
import { apiRoutes } from './api-routes.js';
import { healthRoutes, type ReadinessSources } from './health-routes.js';
import { prometheusRoutes } from './metrics-routes.js';
import { openApiRoutes } from './openapi.js';
import { inboundRoutes } from './inbound-routes.js';
import { problem, TITLES } from './problem.js';

export interface AppDeps extends ReadinessSources {
  runtime: HubRuntime;
  /** Send the session cookie only over HTTPS (set when the hub is behind TLS). */
  secureCookies: boolean;
}

export function createApp(deps: AppDeps): Hono {
  const { runtime } = deps;
  const credentials = new Credentials(runtime.redis, runtime.config.redis.prefix);
  const app = new Hono();
  app.use('*', secureHeaders());
  app.route('/', healthRoutes(runtime, deps));
  // Metrics and the API description are not probes: they need credentials too (a token for Prometheus).
  app.use('/metrics', authenticate(credentials), requirePermission('targets:read'));
  app.use('/openapi.json', authenticate(credentials), requirePermission('orders:read'));
  app.route('/', prometheusRoutes(runtime));
  app.route('/', openApiRoutes());
  app.route('/in', inboundRoutes(runtime));
  app.route('/auth', authRoutes(credentials, deps.secureCookies, runtime.audit));
  app.route('/api', apiRoutes(runtime, credentials));
  app.route('/admin', adminRoutes(runtime, credentials, { secureCookies: deps.secureCookies }));
  app.notFound((c) => problem(c, { status: 404, title: 'Not found', detail: `nothing at ${new URL(c.req.url).pathname}` }));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const status = error.status;
      return problem(c, { status, title: TITLES[status] ?? 'Error', detail: error.message || (TITLES[status] ?? 'Error') });
    }
    runtime.redisGate.observe(error);
    if (isHubError(error)) {
      const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
      if (retryAfterMs !== undefined) c.header('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
      const status = error.kind === 'unauthorized' ? 401 : error.kind === 'bad_input' ? (error as { status?: number }).status ?? 400 : 503;
      if (status >= 500) runtime.log.warn({ err: error, path: new URL(c.req.url).pathname }, 'request failed');
      return problem(c, { status, title: TITLES[status] ?? 'Error', detail: scrubText(error.message), code: error.code, ...(error.hint ? { hint: error.hint } : {}) });
    }
    runtime.log.error({ err: error, path: new URL(c.req.url).pathname }, 'request failed');
    return problem(c, {
      status: 503, title: 'Service unavailable', code: 'UNAVAILABLE',
      detail: 'the order was not recorded; try again shortly', hint: 'retry with the same payload: duplicates are recognised',
    });
  });
  return app;
}
