/**
 * Compare-and-set of an order's status: applies only if the stored version is the
 * one the caller read, so concurrent changes to one order are serialised without locks.
 * Optionally records a status event id and refuses it when already seen (duplicate).
 *
 * KEYS: 1 order, 2 timeline, 3 event-id set (or the order key again when unused)
 * ARGV: 1 expected version, 2 new version, 3 status JSON, 4 event id or '',
 *       5 number of timeline entries N, 6..5+N entries, then field/value pairs to HSET
 * Returns 1 applied, 0 version changed meanwhile, -1 duplicate event, -2 no such order.
 */
export const COMPARE_AND_SET_LUA = `
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return -2 end
if ARGV[4] ~= '' and redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 1 then return -1 end
if v ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'status', ARGV[3])
local n = tonumber(ARGV[5])
for i = 1, n do redis.call('RPUSH', KEYS[2], ARGV[5 + i]) end
local first = 6 + n
for i = first, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if ARGV[4] ~= '' then redis.call('SADD', KEYS[3], ARGV[4]) end
return 1
`;
