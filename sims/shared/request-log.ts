/**
 * A simulator's log of API calls, for tests to count calls and spot repeats: method,
 * path, status, Idempotency-Key and whether the answer was a replay. Bodies and query
 * strings are never kept, so no card number, key or address ends up here.
 */
import type { MiddlewareHandler } from 'hono';

export interface RequestLogEntry {
  method: string;
  /** The path only: query strings (which may carry a key) are not kept. */
  path: string;
  status: number;
  idempotencyKey?: string;
  /** True when the answer was the stored one for a repeated Idempotency-Key. */
  replayed?: boolean;
  at: string;
}

/** Set on an answer replayed for a repeated Idempotency-Key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

export function logRequests(log: RequestLogEntry[]): MiddlewareHandler {
  return async function requestLog(c, next) {
    const entry: RequestLogEntry = { method: c.req.method, path: c.req.path, status: 0, at: new Date().toISOString() };
    const key = c.req.header('idempotency-key');
    if (key !== undefined) entry.idempotencyKey = key;
    log.push(entry);
    await next();
    entry.status = c.res.status;
    if (c.res.headers.get(REPLAYED_HEADER) === 'true') entry.replayed = true;
  };
}
