/**
 * Outbound HTTP for connectors: a fetch with a timeout whose failures come back as
 * typed errors (timeouts, resets, 429 and 5xx transient; other 4xx permanent).
 */
import { PermanentError, TransientError } from './errors/index.js';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface HttpRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/** Sends a request; answers with any status. Network failures and timeouts throw TransientError. */
export async function httpRequest(url: string, request: HttpRequest = {}): Promise<HttpResponse> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  try {
    const init: RequestInit = {
      method: request.method ?? 'GET',
      signal: AbortSignal.timeout(timeoutMs),
    };
    if (request.headers) init.headers = request.headers;
    if (request.body !== undefined) init.body = typeof request.body === 'string' ? request.body : new Uint8Array(request.body);
    const response = await fetch(url, init);
    return { status: response.status, headers: response.headers, body: await response.text() };
  } catch (error) {
    // fetch quotes the URL it was given (credentials, query tokens and all): never pass that on.
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message.split(url).join(safeUrl(url));
    throw new TransientError(`${request.method ?? 'GET'} ${safeUrl(url)} failed: ${reason}`, {
      code: 'NETWORK', cause: error, hint: 'check that the far side is up; the hub retries by itself',
    });
  }
}

/** Throws the typed error that a non-2xx answer deserves. */
export function raiseForStatus(response: HttpResponse, what: string, detail?: string): void {
  if (response.status >= 200 && response.status < 300) return;
  const text = detail ?? response.body.slice(0, 300);
  if (response.status === 429 || response.status === 408 || response.status >= 500) {
    const retryAfterMs = retryAfter(response.headers.get('retry-after'));
    throw new TransientError(`${what}: HTTP ${response.status} ${text}`, {
      code: `HTTP_${response.status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  throw new PermanentError(`${what}: HTTP ${response.status} ${text}`, {
    code: `HTTP_${response.status}`, hint: 'fix the cause (data or settings), then replay the dead letter',
  });
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The URL without credentials or query, safe for logs and messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}
