/**
 * Middleware in front of every /v1 route, in the order a real edge applies it: an
 * outage answers 503 to anything; then the API key (`Authorization: Bearer …`, else
 * 401); then the rate limit (429 with Retry-After once the budget is spent).
 */
import type { MiddlewareHandler } from 'hono';
import { safeEqual } from '../shared/hmac.js';
import type { CarrierFaults } from './faults.js';
import { problemResponse } from './problem.js';

export function outageGate(faults: CarrierFaults): MiddlewareHandler {
  return async function outage(c, next) {
    const hit = faults.takeOutage(Date.now());
    if (!hit) return next();
    if (hit.retryAfterSeconds !== undefined) c.header('Retry-After', String(hit.retryAfterSeconds));
    return problemResponse(c, 503, 'SERVICE_UNAVAILABLE', 'ParcelCo is temporarily unavailable; nothing was done, retry later');
  };
}

export function apiKeyGate(apiKey: string): MiddlewareHandler {
  return async function apiKeyCheck(c, next) {
    const sent = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (sent !== undefined && safeEqual(sent, apiKey)) return next();
    c.header('WWW-Authenticate', 'Bearer realm="parcelco"');
    return problemResponse(c, 401, 'UNAUTHORIZED', 'send your API key as Authorization: Bearer <apiKey>');
  };
}

export function rateLimitGate(faults: CarrierFaults): MiddlewareHandler {
  return async function rateLimit(c, next) {
    const verdict = faults.takeRateLimit();
    if (verdict.limited) {
      c.header('Retry-After', String(verdict.retryAfterSeconds));
      return problemResponse(c, 429, 'RATE_LIMITED', `too many requests: retry after ${verdict.retryAfterSeconds} s`);
    }
    if (verdict.remaining !== undefined) c.header('X-RateLimit-Remaining', String(verdict.remaining));
    return next();
  };
}
