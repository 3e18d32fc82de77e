/**
 * Pull mode: page through the storefront's order API by ascending id, from the
 * persisted cursor (the last id seen). Each order is keyed like its webhook, so an
 * order both pushed and pulled is captured once.
 */
import { httpRequest, raiseForStatus, type PollResult } from '../../src/sdk/index.js';
import type { StorefrontConfig } from './config.js';

export async function pollOrders(pull: NonNullable<StorefrontConfig['pull']>, cursor: string | undefined): Promise<PollResult> {
  const url = new URL('admin/api/orders.json', pull.url.endsWith('/') ? pull.url : `${pull.url}/`);
  url.searchParams.set('since_id', cursor ?? '0');
  url.searchParams.set('limit', String(pull.pageSize));
  const response = await httpRequest(url.toString(), { headers: { 'x-shopify-access-token': pull.apiToken, accept: 'application/json' } });
  raiseForStatus(response, 'storefront order API');
  const orders = (JSON.parse(response.body) as { orders?: Array<{ id: number | string }> }).orders ?? [];
  const envelopes = orders.map((order) => ({
    dedupKey: `order:${String(order.id)}`,
    externalId: String(order.id),
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify(order)),
    meta: { via: 'poll' },
  }));
  const last = orders.at(-1);
  return {
    orders: envelopes,
    ...(last ? { cursor: String(last.id) } : {}),
    more: orders.length === pull.pageSize,
  };
}
