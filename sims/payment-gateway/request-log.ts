/**
 * The simulator's request log: method, path, status and Idempotency-Key of every
 * request, for tests to count calls and spot repeats. Bodies and query strings are
 * never kept, so no card number or key ends up here.
 */
import type { MiddlewareHandler } from 'hono';
import type { GatewayRequestLogEntry } from './types.js';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

export function logRequests(log: GatewayRequestLogEntry[]): MiddlewareHandler {
  return async function requestLog(c, next) {
    const entry: GatewayRequestLogEntry = { method: c.req.method, path: c.req.path, status: 0, at: new Date().toISOString() };
    const key = c.req.header('idempotency-key');
    if (key !== undefined) entry.idempotencyKey = key;
    log.push(entry);
    await next();
    entry.status = c.res.status;
    if (c.res.headers.get(REPLAYED_HEADER) === 'true') entry.replayed = true;
  };
}
