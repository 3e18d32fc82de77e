/**
 * Which sequence numbers of a device's orders the hub holds, and the highest contiguous.
 *
 * DEVICE_HOLD — KEYS: 1 the device's sequence hash (hwm, max, seenAt), 2 the sorted set of
 * held numbers above hwm. ARGV: 1 now (ISO), 2.. the numbers just recorded. Adds each
 * number above hwm, then moves hwm up while the next number is held (removing it from the
 * set), so the set only holds what lies beyond a gap. Returns { hwm, max, held above hwm }.
 * Idempotent: holding a number twice changes nothing.
 */
export const DEVICE_HOLD_LUA = `
local hwm = tonumber(redis.call('HGET', KEYS[1], 'hwm') or '0')
local max = tonumber(redis.call('HGET', KEYS[1], 'max') or '0')
for i = 2, #ARGV do
  local s = tonumber(ARGV[i])
  if s > hwm then redis.call('ZADD', KEYS[2], s, ARGV[i]) end
  if s > max then max = s end
end
while true do
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  if #first == 0 then break end
  local s = tonumber(first[2])
  if s <= hwm then redis.call('ZREM', KEYS[2], first[1])
  elseif s == hwm + 1 then redis.call('ZREM', KEYS[2], first[1]); hwm = s
  else break end
end
redis.call('HSET', KEYS[1], 'hwm', hwm, 'max', max, 'seenAt', ARGV[1])
return { hwm, max, redis.call('ZCARD', KEYS[2]) }
`;
