/**
 * Two small marks kept with an order, as scripts so each is one atomic step:
 *
 * NOTIFIED_LUA — the notification ledger keeps the highest status version told to a
 * channel, in a field of the order hash, and never brings back an expired order.
 * KEYS: 1 order. ARGV: 1 field, 2 version. Returns 1 when the order exists, 0 otherwise.
 *
 * EVENT_SEEN_LUA — remembers an ignored status event's id; the id set takes the order's
 * time to live, so it expires with a finished order.
 * KEYS: 1 event-id set, 2 order. ARGV: 1 event id. Returns 1 when the id is new, 0 when seen.
 */
export const NOTIFIED_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if tonumber(ARGV[2]) > current then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1
`;

export const EVENT_SEEN_LUA = `
local added = redis.call('SADD', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
return added
`;
