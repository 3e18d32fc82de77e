/**
 * Renders a page body inside the layout with what the middleware put on the context
 * (principal, CSRF token, CSP nonce); and the plain pages for "not allowed" and
 * "not found".
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AdminEnv } from './admin-env.js';
import { Layout } from './layout.js';

export interface RenderOptions {
  status?: ContentfulStatusCode;
  refreshSeconds?: number;
  refreshUrl?: string;
}

export function render(c: Context<AdminEnv>, title: string, body: Child, options: RenderOptions = {}) {
  const frame = {
    title,
    nonce: c.get('nonce'),
    principal: c.get('principal'),
    csrf: c.get('csrf'),
    path: new URL(c.req.url).pathname,
    watchCount: c.get('watchCount'),
    ...(options.refreshSeconds ? { refreshSeconds: options.refreshSeconds } : {}),
    ...(options.refreshUrl ? { refreshUrl: options.refreshUrl } : {}),
  };
  return c.html(<Layout frame={frame}>{body}</Layout>, options.status ?? 200);
}

export function forbidden(c: Context<AdminEnv>, detail: string) {
  return render(c, 'Not allowed', (
    <div class="card"><h1>Not allowed</h1><p>{detail}</p><p><a href="/admin">Back to the console</a></p></div>
  ), { status: 403 });
}

export function notFound(c: Context<AdminEnv>, detail: string) {
  return render(c, 'Not found', (
    <div class="card"><h1>Not found</h1><p>{detail}</p></div>
  ), { status: 404 });
}
