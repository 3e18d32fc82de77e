/**
 * API keys: the server API wants the secret key as `Authorization: Bearer sk_…`;
 * tokenization (called from a customer's browser by the hosted field) takes the
 * publishable key, as a Bearer header or a `key` query parameter. Compared in
 * constant time; anything else is 401 with a message saying which key to send.
 */
import type { MiddlewareHandler } from 'hono';
import { safeEqual } from '../shared/hmac.js';
import { errorBody } from './api-error.js';

export function requireSecretKey(secretKey: string, publishableKey: string): MiddlewareHandler {
  return async function secretKeyGuard(c, next) {
    const sent = bearerOf(c.req.header('authorization'));
    if (sent !== undefined && safeEqual(sent, secretKey)) return next();
    const message = sent !== undefined && safeEqual(sent, publishableKey)
      ? 'a publishable key may only create tokens: call the server API with the secret key'
      : 'send the secret API key as Authorization: Bearer <key>';
    c.header('WWW-Authenticate', 'Bearer realm="payment-gateway"');
    return c.json(errorBody('unauthorized', message), 401);
  };
}

export function requireTokenKey(secretKey: string, publishableKey: string): MiddlewareHandler {
  return async function tokenKeyGuard(c, next) {
    const sent = bearerOf(c.req.header('authorization')) ?? c.req.query('key');
    if (sent !== undefined && (safeEqual(sent, publishableKey) || safeEqual(sent, secretKey))) return next();
    c.header('WWW-Authenticate', 'Bearer realm="payment-gateway"');
    return c.json(errorBody('unauthorized', 'send the publishable key as Authorization: Bearer <key> or ?key=<key>'), 401);
  };
}

function bearerOf(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}
