/**
 * A strict Content-Security-Policy for console pages: nothing loads from anywhere, the
 * one inline style block carries a per-request nonce, forms post only to the hub, and
 * no script runs at all.
 */
import { randomBytes } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AdminEnv } from './admin-env.js';

export function strictCsp() {
  return createMiddleware<AdminEnv>(async function setCsp(c, next) {
    const nonce = randomBytes(16).toString('base64');
    c.set('nonce', nonce);
    await next();
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.res.headers.set('content-security-policy',
        `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`);
    }
  });
}
