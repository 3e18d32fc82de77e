/**
 * Errors as the carrier answers them: RFC 9457 problem JSON
 * `{ type, title, status, code, detail }` with `Content-Type: application/problem+json`.
 * Handlers throw a `ProblemError`; the app turns it into the answer.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;

  constructor(status: ContentfulStatusCode, code: string, detail: string) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
  }
}

export function problemBody(status: number, code: string, detail: string): Problem {
  return {
    type: `https://developer.parcelco.example/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
  };
}

export function problemResponse(c: Context, status: ContentfulStatusCode, code: string, detail: string): Response {
  return c.body(JSON.stringify(problemBody(status, code, detail)), status, { 'content-type': 'application/problem+json' });
}
