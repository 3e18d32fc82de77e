/**
 * Errors in one shape: RFC 9457 problem details (`application/problem+json`),
 * with a `code` for machines and a `hint` for people. A detail that quotes what was
 * sent (an event id, a parser's message) is cut short: a hostile body is never echoed
 * back at length.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  code?: string;
  hint?: string;
  [extension: string]: unknown;
}

/** The longest `detail` a problem answer carries. */
export const MAX_DETAIL = 500;

export function problem(c: Context, body: Problem): Response {
  const detail = body.detail !== undefined && body.detail.length > MAX_DETAIL ? `${body.detail.slice(0, MAX_DETAIL)}…` : body.detail;
  return c.body(JSON.stringify({ type: 'about:blank', ...body, ...(detail === undefined ? {} : { detail }) }), body.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  });
}

export const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
  411: 'Length required', 413: 'Payload too large', 415: 'Unsupported media type', 422: 'Unprocessable content',
  500: 'Internal error', 503: 'Service unavailable',
};
