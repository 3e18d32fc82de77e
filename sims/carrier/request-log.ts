/**
 * The log of /v1 calls for tests: method, path, status, Idempotency-Key and whether the
 * answer was a replay. Bodies and query strings are not kept.
 */
import type { MiddlewareHandler } from 'hono';
import type { CarrierRequestLogEntry } from './types.js';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

export function logRequests(log: CarrierRequestLogEntry[]): MiddlewareHandler {
  return async function requestLog(c, next) {
    const entry: CarrierRequestLogEntry = { method: c.req.method, path: c.req.path, status: 0, at: new Date().toISOString() };
    const key = c.req.header('idempotency-key');
    if (key !== undefined) entry.idempotencyKey = key;
    log.push(entry);
    await next();
    entry.status = c.res.status;
    if (c.res.headers.get(REPLAYED_HEADER) === 'true') entry.replayed = true;
  };
}
