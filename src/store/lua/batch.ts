/**
 * Batches of a batching target (flat files): the open batch per target, each batch's
 * hash (createdAt, count, state open | sealed | uploaded, file name, checksum, upload
 * time: the file ledger) and its list of orders, and per order the batch it is in.
 */

/**
 * Puts an order into the target's open batch (opening one if needed), once.
 * KEYS: 1 open-batch key, 2 order's batch key, 3 the target's batch index (sorted by opening time).
 * ARGV: 1 batch key prefix, 2 order id, 3 candidate batch id, 4 now (ISO), 5 max orders, 6 now (ms).
 * Returns {batchId, state, opened (1|0), count, added (1|0: 0 when the order was already in a batch)}.
 */
export const BATCH_ADD_LUA = `
local existing = redis.call('GET', KEYS[2])
if existing then
  local hash = ARGV[1] .. existing
  return {existing, redis.call('HGET', hash, 'state') or 'open', 0, tonumber(redis.call('HGET', hash, 'count') or '0'), 0}
end
local batch = redis.call('GET', KEYS[1])
local opened = 0
if not batch then
  batch = ARGV[3]
  opened = 1
  redis.call('SET', KEYS[1], batch)
  redis.call('HSET', ARGV[1] .. batch, 'createdAt', ARGV[4], 'state', 'open', 'count', 0)
  redis.call('ZADD', KEYS[3], ARGV[6], batch)
end
redis.call('RPUSH', ARGV[1] .. batch .. ':orders', ARGV[2])
redis.call('SET', KEYS[2], batch)
local count = redis.call('HINCRBY', ARGV[1] .. batch, 'count', 1)
local state = 'open'
if count >= tonumber(ARGV[5]) then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', ARGV[1] .. batch, 'state', 'sealed')
  state = 'sealed'
end
return {batch, state, opened, count, 1}
`;

/**
 * Seals a batch if it is still the open one (its time window ended).
 * KEYS: 1 open-batch key, 2 batch hash. ARGV: 1 batch id.
 * Returns the batch state afterwards.
 */
export const BATCH_SEAL_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[2], 'state', 'sealed')
  return 'sealed'
end
return redis.call('HGET', KEYS[2], 'state') or 'missing'
`;
