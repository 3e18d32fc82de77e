/**
 * The newest orders of some instances, for the mapping workbench. The store keeps no
 * index of orders by instance or by time, so this walks the order keys with SCAN (looking
 * at about `maxKeys` keys at most: on a larger store the list is the newest of those seen),
 * sorts their ids newest first (hub order ids are ULIDs, sortable by creation) and
 * reads each one's source, in small batches, until it has `limit` that `keep` accepts.
 */
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';

export interface RecentOrder {
  hubOrderId: string;
  confirmation: string;
  source: string;
  createdAt: string;
}

export interface RecentOrdersQuery {
  sources: ReadonlySet<string>;
  limit: number;
  /** A further test (e.g. the form an envelope came as); every order of the sources when absent. */
  keep?: (order: RecentOrder) => Promise<boolean>;
  maxKeys?: number;
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const SCAN_COUNT = 1000;
const READ_BATCH = 50;
const DEFAULT_MAX_KEYS = 100_000;

export async function recentOrders(redis: HubRedis, keys: Keys, query: RecentOrdersQuery): Promise<RecentOrder[]> {
  if (query.sources.size === 0 || query.limit <= 0) return [];
  const ids = (await orderIds(redis, keys, query.maxKeys ?? DEFAULT_MAX_KEYS)).sort().reverse();
  const found: RecentOrder[] = [];
  for (let at = 0; at < ids.length && found.length < query.limit; at += READ_BATCH) {
    for (const order of await readOrders(redis, keys, ids.slice(at, at + READ_BATCH))) {
      if (found.length < query.limit && query.sources.has(order.source) && (!query.keep || await query.keep(order))) found.push(order);
    }
  }
  return found;
}

async function orderIds(redis: HubRedis, keys: Keys, maxKeys: number): Promise<string[]> {
  const prefix = keys.order('');
  const match = `${escapeGlob(prefix)}*`;
  const ids: string[] = [];
  let cursor = '0';
  let examined = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', match, 'COUNT', SCAN_COUNT);
    cursor = next;
    examined += SCAN_COUNT;
    for (const key of batch) {
      const id = key.slice(prefix.length);
      if (ULID.test(id)) ids.push(id);
    }
  } while (cursor !== '0' && examined < maxKeys);
  return ids;
}

async function readOrders(redis: HubRedis, keys: Keys, ids: string[]): Promise<RecentOrder[]> {
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hmget(keys.order(id), 'source', 'conf', 'createdAt');
  const replies = (await pipeline.exec()) ?? [];
  return ids.flatMap((hubOrderId, i) => {
    const [error, fields] = replies[i] ?? [null, null];
    const [source, confirmation, createdAt] = !error && Array.isArray(fields) ? fields as Array<string | null> : [];
    return source ? [{ hubOrderId, source, confirmation: confirmation ?? '', createdAt: createdAt ?? '' }] : [];
  });
}

/** `text` with Redis glob characters escaped, to match it literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
