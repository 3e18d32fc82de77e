/**
 * Outbound HTTP for connectors: a request with a deadline whose failures come back as
 * typed errors (timeouts, resets, 429 and 5xx transient; other 4xx permanent).
 * Built on node:http(s) with keep-alive agents rather than fetch: a delivery is one
 * small request and answer, and Node's own client costs a fraction of fetch's CPU per
 * request. Redirects are not followed (a target that moved is a setting to fix).
 */
import http from 'node:http';
import https from 'node:https';
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

/** Answers larger than this are cut off as a failure: no target should send so much back. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

class DeadlineError extends Error {}

/** Sends a request; answers with any status. Network failures and timeouts throw TransientError. */
export async function httpRequest(url: string, request: HttpRequest = {}): Promise<HttpResponse> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  const method = request.method ?? 'GET';
  try {
    return await send(new URL(url), method, request, timeoutMs);
  } catch (error) {
    // Messages may quote the URL (credentials, query tokens and all): never pass that on.
    const reason = error instanceof DeadlineError ? `no answer within ${timeoutMs} ms` : (error as Error).message.split(url).join(safeUrl(url));
    throw new TransientError(`${method} ${safeUrl(url)} failed: ${reason}`, {
      code: 'NETWORK', cause: error, hint: 'check that the far side is up; the hub retries by itself',
    });
  }
}

function send(url: URL, method: string, request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new Error(`unsupported protocol ${url.protocol}`));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(url, { method, headers: request.headers ?? {}, agent: agents[url.protocol as 'http:' | 'https:'] }, (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) outgoing.destroy(new Error(`answer larger than ${MAX_RESPONSE_BYTES} bytes`));
        else chunks.push(chunk);
      });
      incoming.on('end', () => {
        clearTimeout(deadline);
        try {
          resolve({ status: incoming.statusCode ?? 0, headers: toHeaders(incoming.headers), body: Buffer.concat(chunks).toString('utf8') });
        } catch (error) {
          reject(error as Error);
        }
      });
      incoming.on('error', fail);
    });
    const deadline = setTimeout(() => outgoing.destroy(new DeadlineError()), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(deadline);
      reject(error);
    }
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
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
