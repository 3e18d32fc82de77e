/**
 * Filing one inbound item that is not an order, atomically with its dedup mark and,
 * when it concerns an order (a bounced notice), the note on that order's timeline: a
 * crash leaves either all of it or none, and the same item filed again changes nothing.
 *
 * KEYS: 1 dedup key, 2 item hash, 3 index (sorted set), 4 timeline of the order it is
 * about (any key when none).
 * ARGV: 1 item id, 2 ttl seconds, 3 score (ms), 4 raw bytes, 5 timeline entry ('' when
 * none), 6.. item hash fields and values.
 * Returns { 1, id } when filed, { 0, existing id } when it was filed before.
 */
export const FILE_ITEM_LUA = `
local existing = redis.call('GET', KEYS[1])
if existing then return { 0, existing } end
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'EX', ttl)
local fields = {}
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[2], 'raw', ARGV[4], unpack(fields))
redis.call('EXPIRE', KEYS[2], ttl)
redis.call('ZADD', KEYS[3], tonumber(ARGV[3]), ARGV[1])
if ARGV[5] ~= '' then redis.call('RPUSHX', KEYS[4], ARGV[5]) end
return { 1, ARGV[1] }
`;
