/**
 * Capture: the one atomic step before the hub answers "received".
 * If the dedup key is known, returns the existing order; otherwise claims the
 * confirmation code, records the dedup key, writes the order hash, the raw envelope,
 * the first timeline entries and the order's index entries. The next stage's job is
 * queued in the same MULTI by the caller.
 *
 * KEYS: 1 dedup, 2 order, 3 raw, 4 timeline, 5 confirmation index, 6.. index keys
 * ARGV: 1 orderId, 2 confirmation code, 3 dedup TTL seconds, 4 order key prefix (to read
 *       a duplicate's code), 5 raw body, 6 raw meta JSON, 7 content type,
 *       8 number of order-hash field/value pairs F, then 2F values,
 *       then the number of timeline entries E, then E entries,
 *       then per index key: op and operands (see index-writes.ts)
 * Returns {1, orderId, code} when created, {0, existingId, existingCode} for a
 * duplicate, {2} when the code is taken (the caller retries with a fresh id and code).
 */
import { indexWritesLua } from './index-writes.js';

export const CAPTURE_LUA = `
local existing = redis.call('GET', KEYS[1])
if existing then
  local code = redis.call('HGET', ARGV[4] .. existing, 'conf') or ''
  return {0, existing, code}
end
if not redis.call('SET', KEYS[5], ARGV[1], 'NX') then return {2} end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
local i = 9
local fields = {'conf', ARGV[2]}
for j = 1, tonumber(ARGV[8]) * 2 do fields[#fields + 1] = ARGV[i]; i = i + 1 end
redis.call('HSET', KEYS[2], unpack(fields))
redis.call('HSET', KEYS[3], 'body', ARGV[5], 'meta', ARGV[6], 'type', ARGV[7])
local entries = {}
local count = tonumber(ARGV[i]); i = i + 1
for j = 1, count do entries[j] = ARGV[i]; i = i + 1 end
if count > 0 then redis.call('RPUSH', KEYS[4], unpack(entries)) end
${indexWritesLua(6)}
return {1, ARGV[1], ARGV[2]}
`;
