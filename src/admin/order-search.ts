/**
 * What the order search box understands: a hub order id, a confirmation code (typed
 * loosely, as `parseConfirmation` allows), a channel reference (instance + reference),
 * and — only for roles with `orders:read-pii` — an e-mail address or a phone number.
 */
import { parseConfirmation } from '../model/ids.js';
import type { HubRuntime } from '../pipeline/runtime.js';

export interface SearchInput {
  q?: string;
  source?: string;
  ref?: string;
}

export type SearchResult = { ids: string[]; by: string } | { refused: string } | { unknown: string };

const PHONE = /^\+?[\d\s().-]{6,}$/;

async function byText(runtime: HubRuntime, q: string, pii: boolean): Promise<SearchResult> {
  if (await runtime.store.get(q)) return { ids: [q], by: 'hub order id' };
  const code = parseConfirmation(q);
  if (code) {
    const id = await runtime.store.findByConfirmation(code);
    return { ids: id ? [id] : [], by: 'confirmation code' };
  }
  if (q.includes('@')) return pii ? { ids: await runtime.store.findByEmail(q), by: 'e-mail' } : { refused: 'searching by e-mail needs orders:read-pii' };
  if (PHONE.test(q)) return pii ? { ids: await runtime.store.findByPhone(q), by: 'phone' } : { refused: 'searching by phone needs orders:read-pii' };
  return { unknown: 'not a hub order id, confirmation code, e-mail or phone number' };
}

export async function searchOrders(runtime: HubRuntime, input: SearchInput, pii: boolean): Promise<SearchResult | undefined> {
  if (input.source && input.ref) {
    const id = await runtime.store.findByExternalRef(input.source, input.ref);
    return { ids: id ? [id] : [], by: `reference at ${input.source}` };
  }
  return input.q ? byText(runtime, input.q, pii) : undefined;
}
