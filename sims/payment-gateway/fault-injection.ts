/**
 * Middleware that plays the injected faults on the server API: answers an outage
 * status or a 429 with Retry-After without touching anything, or holds a request
 * back for a while and then handles it normally.
 */
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sleep } from '../shared/wait.js';
import { errorBody } from './api-error.js';
import type { Faults } from './faults.js';

/** `signal` aborts on close, ending held-back requests early. */
export function injectFaults(faults: Faults, signal: AbortSignal): MiddlewareHandler {
  return async function faultInjection(c, next) {
    const fault = faults.take();
    if (fault === undefined) return next();
    if (fault.kind === 'delay') {
      await sleep(fault.ms, signal);
      return next();
    }
    if (fault.kind === 'rate-limit') {
      c.header('Retry-After', String(fault.retryAfterSeconds));
      return c.json(errorBody('rate_limited', `too many requests: retry after ${fault.retryAfterSeconds} s`), 429);
    }
    if (fault.status === 503) c.header('Retry-After', '1');
    return c.json(errorBody('unavailable', `injected failure: HTTP ${fault.status}, nothing was done; retry later`), fault.status as ContentfulStatusCode);
  };
}
