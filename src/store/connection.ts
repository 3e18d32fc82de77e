/**
 * Redis connections of the hub, with the hub's Lua scripts defined on them.
 * `maxRetriesPerRequest: null` is what BullMQ needs; the API answers 503 quickly
 * through its own readiness gate instead of failing individual commands.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { BATCH_ADD_LUA, BATCH_SEAL_LUA } from './lua/batch.js';
import { BREAKER_RECORD_LUA } from './lua/circuit-breaker.js';
import { CAPTURE_LUA } from './lua/capture.js';
import { COMPARE_AND_SET_LUA } from './lua/compare-and-set.js';
import { FILE_ITEM_LUA } from './lua/filed-item.js';
import { STOCK_APPLY_LUA, STOCK_RELEASE_LUA, STOCK_RESERVE_LUA, STOCK_READ_LUA } from './lua/stock.js';
import { EVENT_SEEN_LUA, NOTIFIED_LUA } from './lua/ledger-marks.js';
import { TOGETHER_RECORD_LUA } from './lua/together.js';
import { DEVICE_HOLD_LUA } from './lua/device-sequences.js';
import { TRACK_CLAIM_LUA } from './lua/tracking.js';
import { CONTROL_NUMBER_LUA } from './lua/control-numbers.js';

export interface HubRedis extends Redis {
  hubCapture(...args: Array<string | number | Buffer>): Promise<[number, string?, string?]>;
  hubCompareAndSet(...args: Array<string | number>): Promise<number>;
  hubBreakerRecord(...args: Array<string | number>): Promise<string>;
  hubBatchAdd(...args: Array<string | number>): Promise<[string, string, number, number, number]>;
  hubBatchSeal(...args: Array<string | number>): Promise<string>;
  hubNotified(order: string, field: string, version: number): Promise<number>;
  hubEventSeen(events: string, order: string, eventId: string): Promise<number>;
  hubFileItem(...args: Array<string | number | Buffer>): Promise<[number, string]>;
  hubStockApply(...args: Array<string | number>): Promise<number>;
  hubStockReserve(...args: Array<string | number>): Promise<number>;
  hubStockRelease(key: string, prefix: string, dcPrefix: string): Promise<number>;
  hubStockRead(...args: Array<string | number>): Promise<Array<[string[], string, string[], string]>>;
  hubTogetherRecord(...args: Array<string | number>): Promise<number>;
  hubDeviceHold(...args: Array<string | number>): Promise<[number, number, number]>;
  hubTrackClaim(key: string, now: number, leaseMs: number, limit: number): Promise<string[]>;
  hubControlNumber(series: string, document: string, max: number, keepSeconds: number): Promise<number>;
}

export function defineHubCommands(redis: Redis): HubRedis {
  // Capture and compare-and-set take a variable number of index keys: the key count comes first.
  redis.defineCommand('hubCapture', { lua: CAPTURE_LUA });
  redis.defineCommand('hubCompareAndSet', { lua: COMPARE_AND_SET_LUA });
  redis.defineCommand('hubBreakerRecord', { numberOfKeys: 1, lua: BREAKER_RECORD_LUA });
  redis.defineCommand('hubBatchAdd', { numberOfKeys: 3, lua: BATCH_ADD_LUA });
  redis.defineCommand('hubBatchSeal', { numberOfKeys: 2, lua: BATCH_SEAL_LUA });
  redis.defineCommand('hubNotified', { numberOfKeys: 1, lua: NOTIFIED_LUA });
  redis.defineCommand('hubEventSeen', { numberOfKeys: 2, lua: EVENT_SEEN_LUA });
  redis.defineCommand('hubFileItem', { numberOfKeys: 4, lua: FILE_ITEM_LUA });
  // Stock apply and reserve take a variable number of keys: the key count comes first.
  redis.defineCommand('hubStockApply', { lua: STOCK_APPLY_LUA });
  redis.defineCommand('hubStockReserve', { lua: STOCK_RESERVE_LUA });
  redis.defineCommand('hubStockRelease', { numberOfKeys: 1, lua: STOCK_RELEASE_LUA });
  redis.defineCommand('hubStockRead', { lua: STOCK_READ_LUA });
  // One sorted set per SKU of the order: the key count comes first.
  redis.defineCommand('hubTogetherRecord', { lua: TOGETHER_RECORD_LUA });
  redis.defineCommand('hubDeviceHold', { numberOfKeys: 2, lua: DEVICE_HOLD_LUA });
  redis.defineCommand('hubTrackClaim', { numberOfKeys: 1, lua: TRACK_CLAIM_LUA });
  redis.defineCommand('hubControlNumber', { numberOfKeys: 2, lua: CONTROL_NUMBER_LUA });
  return redis as HubRedis;
}

export function createRedis(url: string, name: string, options: RedisOptions = {}): HubRedis {
  const redis = new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    // No auto-pipelining: ioredis builds a Pipeline (copying every defined script, BullMQ's
    // included) for each batch, which cost more CPU per order than the round trips it
    // saves, at every load the benchmark tried (docs/performance.md).
    enableAutoPipelining: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...options,
  });
  // Connection errors are reported by the probes and the stages that hit them;
  // without a listener ioredis would print each reconnect attempt as an unhandled error.
  redis.on('error', () => undefined);
  return defineHubCommands(redis);
}
