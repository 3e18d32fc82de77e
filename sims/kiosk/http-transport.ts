/**
 * Uploads over HTTP: `POST <hubUrl>/in/<instance>/orders` with the signed x-device-* headers
 * (a new timestamp and nonce per call). 200 → the reply; 401 → refused (problem+json code and
 * detail); 413 → too large; 408, 429, 5xx and network errors → retry later; other 4xx → refused.
 */
import { signHttpRequest } from './signing.js';
import { parseUploadReply } from './hub-messages.js';
import type { KioskTransport, UploadOutcome } from './transport.js';
import type { KioskIdentity } from './types.js';

export interface HttpTransportOptions {
  /** The hub's base URL, e.g. `http://127.0.0.1:3000` (a path prefix is kept). */
  hubUrl: string;
  /** The connector instance that takes kiosk orders (`/in/<instance>/orders`). */
  instance: string;
  identity: KioskIdentity;
  /** Per request; default 10 000 ms. */
  timeoutMs?: number;
  /** The clock the timestamps come from (tests skew it); default now. */
  clock?: () => Date;
  /** Default globalThis.fetch. */
  fetch?: typeof fetch;
}

/** `<hubUrl>/<path>`, keeping a path prefix of hubUrl. */
export function hubEndpoint(hubUrl: string, path: string): URL {
  const base = hubUrl.endsWith('/') ? hubUrl : `${hubUrl}/`;
  return new URL(path.replace(/^\/+/, ''), base);
}

export class HttpKioskTransport implements KioskTransport {
  readonly name = 'http';
  readonly url: URL;

  constructor(private readonly options: HttpTransportOptions) {
    this.url = hubEndpoint(options.hubUrl, `in/${encodeURIComponent(options.instance)}/orders`);
  }

  async upload(body: string, signal?: AbortSignal): Promise<UploadOutcome> {
    const headers = signHttpRequest(this.options.identity.key, 'POST', this.url.pathname + this.url.search, body, {
      now: (this.options.clock ?? (() => new Date()))(),
    });
    const nonce = headers['x-device-nonce'] as string;
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
      text = await response.text();
    } catch (error) {
      return { kind: 'retry', nonce, reason: `network: ${error instanceof Error ? error.message : String(error)}` };
    }
    return outcomeOf(response, text, nonce);
  }

  async close(): Promise<void> {
    // fetch keeps no connection we own.
  }
}

function outcomeOf(response: Response, text: string, nonce: string): UploadOutcome {
  const { status } = response;
  if (status === 200) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: 'retry', nonce, status, reason: `a 200 reply that is not JSON: ${text.slice(0, 120)}` };
    }
    const reply = parseUploadReply(json);
    return reply.ok ? { kind: 'reply', nonce, reply: reply.value } : { kind: 'retry', nonce, status, reason: `a malformed 200 reply: ${reply.error}` };
  }
  const problem = problemOf(text);
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
      kind: 'retry', nonce, status, reason: `HTTP ${status}${problem.code ? ` ${problem.code}` : ''}`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
    };
  }
  if (status === 413) return { kind: 'too-large', nonce, status, code: problem.code, detail: problem.detail };
  return { kind: 'refused', nonce, status, code: problem.code || `HTTP_${status}`, detail: problem.detail || text.slice(0, 200) };
}

/** `code` and `detail` of a problem+json body ('' when absent or unreadable). */
function problemOf(text: string): { code: string; detail: string } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return { code: typeof body['code'] === 'string' ? body['code'] : '', detail: typeof body['detail'] === 'string' ? body['detail'] : '' };
  } catch {
    return { code: '', detail: '' };
  }
}
