/**
 * Capture: the one atomic step before the hub answers "received".
 * If the dedup key is known, returns the existing order; otherwise stores the raw
 * envelope, creates the order in state `received`, indexes its confirmation code and
 * appends the first timeline entry. The normalize job is queued in the same MULTI.
 *
 * KEYS: 1 dedup, 2 order, 3 raw, 4 timeline, 5..7 three candidate confirmation index keys
 * ARGV: 1 orderId, 2 source, 3 channel, 4 status JSON, 5 raw body, 6 raw meta JSON,
 *       7 content type, 8 timeline entry JSON, 9 createdAt, 10 dedup TTL seconds,
 *       11 order key prefix (to read a duplicate's confirmation), 12..14 candidate codes,
 *       15 external id
 * Returns {1, orderId, code} when created, {0, existingId, existingCode} for a duplicate,
 * {2} when all three codes are taken (caller retries with fresh ones).
 */
export const CAPTURE_LUA = `
local existing = redis.call('GET', KEYS[1])
if existing then
  local code = redis.call('HGET', ARGV[11] .. existing, 'conf') or ''
  return {0, existing, code}
end
local code = nil
for i = 0, 2 do
  if redis.call('EXISTS', KEYS[5 + i]) == 0 then
    code = ARGV[12 + i]
    redis.call('SET', KEYS[5 + i], ARGV[1])
    break
  end
end
if not code then return {2} end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[10])
redis.call('HSET', KEYS[2], 'status', ARGV[4], 'v', 0, 'source', ARGV[2], 'channel', ARGV[3],
  'conf', code, 'createdAt', ARGV[9], 'ext', ARGV[15])
redis.call('HSET', KEYS[3], 'body', ARGV[5], 'meta', ARGV[6], 'type', ARGV[7])
redis.call('RPUSH', KEYS[4], ARGV[8])
return {1, ARGV[1], code}
`;
