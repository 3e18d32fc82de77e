/**
 * The inventory view in Redis, updated atomically.
 *
 * STOCK_APPLY — one stock update from the OMS. KEYS: 1 the snapshot time key, 2 the SKU
 * set, 3.. one stock hash per item. ARGV: 1 kind (`snapshot` | `delta`), 2 asOf (ms), then
 * per item: sku, dc, onHand, expectedDate ('' for none). In each SKU's hash, field `<dc>` is on
 * hand, `<dc>@` the asOf it was reported at, `<dc>#` the expected date. An item older than
 * the last snapshot, or not newer than the value already there, is ignored: the newest
 * report wins whatever order updates arrive in, and a repeat changes nothing.
 * Returns the number of items applied.
 *
 * STOCK_RESERVE — what an accepted order takes before the OMS has reported it. KEYS: 1
 * the order hash, 2 the order's reservation hash, then per SKU two keys: its reserved-count
 * key and its per-DC reservation hash. ARGV: per SKU sku, quantity, the number of DC shares
 * n, then n pairs dc, quantity (the units routed to a DC). Runs in the capture's own
 * transaction, after the capture script: it reserves only if the order exists (a duplicate
 * capture created none) and only once (the reservation hash is its mark). In the order's
 * reservation hash, field `<sku>` holds the units and `<sku>\t<dc>` the units at a DC.
 *
 * STOCK_READ — what the availability API needs of each SKU, in one reply. KEYS: per SKU
 * its stock hash, reserved-count key and per-DC reservation hash, then the alternatives
 * hash. ARGV: the SKUs. Returns per SKU { stock hash (flat), reserved, per-DC reservations
 * (flat), the OMS's alternatives }.
 *
 * STOCK_RELEASE — the OMS has the order in its own figures now (acknowledged, allocated,
 * rejected, cancelled). KEYS: 1 the order's reservation hash; ARGV: 1 the reserved-count
 * key prefix, 2 the per-DC reservation hash prefix. Gives back what the order reserved, once.
 */
export const STOCK_APPLY_LUA = `
local asOf = tonumber(ARGV[2])
local snapshot = tonumber(redis.call('GET', KEYS[1]) or '0')
if ARGV[1] == 'snapshot' then
  if asOf < snapshot then return 0 end
  redis.call('SET', KEYS[1], asOf)
  snapshot = asOf
elseif asOf < snapshot then
  return 0
end
local applied = 0
for i = 3, #KEYS do
  local base = 3 + (i - 3) * 4
  local dc = ARGV[base + 1]
  local seen = tonumber(redis.call('HGET', KEYS[i], dc .. '@') or '-1')
  if asOf > seen then
    redis.call('HSET', KEYS[i], dc, ARGV[base + 2], dc .. '@', asOf)
    if ARGV[base + 3] == '' then redis.call('HDEL', KEYS[i], dc .. '#') else redis.call('HSET', KEYS[i], dc .. '#', ARGV[base + 3]) end
    redis.call('SADD', KEYS[2], ARGV[base])
    applied = applied + 1
  end
end
return applied
`;

export const STOCK_RESERVE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local a = 1
for k = 3, #KEYS, 2 do
  local sku = ARGV[a]
  local quantity = tonumber(ARGV[a + 1])
  local shares = tonumber(ARGV[a + 2])
  redis.call('INCRBY', KEYS[k], quantity)
  redis.call('HINCRBY', KEYS[2], sku, quantity)
  for s = 1, shares do
    local dc = ARGV[a + 1 + s * 2]
    local units = tonumber(ARGV[a + 2 + s * 2])
    redis.call('HINCRBY', KEYS[k + 1], dc, units)
    redis.call('HINCRBY', KEYS[2], sku .. '\t' .. dc, units)
  end
  a = a + 3 + shares * 2
end
return 1
`;

export const STOCK_RELEASE_LUA = `
local held = redis.call('HGETALL', KEYS[1])
if #held == 0 then return 0 end
for i = 1, #held, 2 do
  local field = held[i]
  local units = tonumber(held[i + 1])
  local tab = string.find(field, '\t', 1, true)
  if tab then
    local key = ARGV[2] .. string.sub(field, 1, tab - 1)
    local dc = string.sub(field, tab + 1)
    if redis.call('HINCRBY', key, dc, -units) <= 0 then redis.call('HDEL', key, dc) end
  else
    local key = ARGV[1] .. field
    if redis.call('DECRBY', key, units) <= 0 then redis.call('DEL', key) end
  end
end
redis.call('DEL', KEYS[1])
return 1
`;

export const STOCK_READ_LUA = `
local out = {}
local n = #ARGV
for i = 1, n do
  local k = (i - 1) * 3
  out[i] = {
    redis.call('HGETALL', KEYS[k + 1]),
    redis.call('GET', KEYS[k + 2]) or '0',
    redis.call('HGETALL', KEYS[k + 3]),
    redis.call('HGET', KEYS[n * 3 + 1], ARGV[i]) or '',
  }
end
return out
`;
