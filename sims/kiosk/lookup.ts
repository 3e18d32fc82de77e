/**
 * A kiosk asking the hub about one of its orders by confirmation code:
 * `GET <hubUrl>/api/orders/lookup/<confirmation>`, signed like an upload (empty body).
 */
import { hubEndpoint } from './http-transport.js';
import { signHttpRequest } from './signing.js';
import type { KioskIdentity } from './types.js';

export interface LookupOptions {
  hubUrl: string;
  identity: KioskIdentity;
  confirmation: string;
  /** Default 10 000 ms. */
  timeoutMs?: number;
  clock?: () => Date;
  fetch?: typeof fetch;
}

export interface LookupAnswer {
  status: number;
  /** The JSON body (`{ confirmation, state, ... }` on 200; a problem otherwise); the text when not JSON. */
  body: unknown;
}

export async function lookupOrder(options: LookupOptions): Promise<LookupAnswer> {
  const url = hubEndpoint(options.hubUrl, `api/orders/lookup/${encodeURIComponent(options.confirmation)}`);
  const headers = signHttpRequest(options.identity.key, 'GET', url.pathname + url.search, '', { now: (options.clock ?? (() => new Date()))() });
  const response = await (options.fetch ?? fetch)(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text };
  }
}
