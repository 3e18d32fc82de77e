/**
 * TRACK_CLAIM — the parcels due to be asked about, claimed so that two workers never ask
 * about the same parcel at once. KEYS: 1 the instance's due set (score: when to ask next).
 * ARGV: 1 now (ms), 2 lease (ms), 3 how many. Returns the tracking numbers due, each now
 * scored `now + lease` (asked again after the lease if the worker dies before it answers).
 */
export const TRACK_CLAIM_LUA = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local until_ms = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, number in ipairs(due) do redis.call('ZADD', KEYS[1], 'XX', until_ms, number) end
return due
`;
