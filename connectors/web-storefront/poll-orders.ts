/**
 * Pull mode: page through the storefront's order API by ascending id, from the
 * persisted cursor (the last id seen). Each order is keyed like its webhook, so an
 * order both pushed and pulled is captured once.
 */
import { PermanentError, httpRequest, raiseForStatus, type PollResult } from '../../src/sdk/index.js';
import { storefrontOrderId } from './order-id.js';
import type { StorefrontConfig } from './config.js';

export async function pollOrders(pull: NonNullable<StorefrontConfig['pull']>, cursor: string | undefined): Promise<PollResult> {
  const url = new URL('admin/api/orders.json', pull.url.endsWith('/') ? pull.url : `${pull.url}/`);
  url.searchParams.set('since_id', cursor ?? '0');
  url.searchParams.set('limit', String(pull.pageSize));
  const response = await httpRequest(url.toString(), { headers: { 'x-shopify-access-token': pull.apiToken, accept: 'application/json' } });
  raiseForStatus(response, 'storefront order API');
  const orders = (JSON.parse(response.body) as { orders?: Array<Record<string, unknown>> }).orders ?? [];
  const envelopes = orders.map((order) => {
    const id = storefrontOrderId(order);
    if (id === undefined) throw new PermanentError('storefront order API returned an order without a usable id', { code: 'NO_ORDER_ID' });
    return { dedupKey: `order:${id}`, externalId: id, contentType: 'application/json', body: Buffer.from(JSON.stringify(order)), meta: { via: 'poll' } };
  });
  const last = envelopes.at(-1);
  return {
    orders: envelopes,
    ...(last ? { cursor: last.externalId } : {}),
    more: orders.length === pull.pageSize,
  };
}
