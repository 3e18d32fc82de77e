/**
 * Compare-and-set of an order's status: applies only if the stored version is the
 * one the caller read, so concurrent changes to one order are serialised without locks.
 * Optionally records a status event id and refuses it when already seen (duplicate).
 * With the status it writes further order-hash fields, timeline entries and index
 * entries, so one change is one script call. The index writes come last, so a time to
 * live they set (retention) covers every key written before them.
 *
 * KEYS: 1 order, 2 timeline, 3 event-id set (or the order key again when unused), 4.. index keys
 * ARGV: 1 expected version, 2 new version, 3 status JSON, 4 event id or '',
 *       5 number of timeline entries N, then N entries,
 *       then the number of field/value pairs F, then 2F values,
 *       then per index key: op and operands (see index-writes.ts)
 * Returns 1 applied, 0 version changed meanwhile, -1 duplicate event, -2 no such order.
 */
import { indexWritesLua } from './index-writes.js';

export const COMPARE_AND_SET_LUA = `
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return -2 end
if ARGV[4] ~= '' and redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 1 then return -1 end
if v ~= ARGV[1] then return 0 end
local i = 6
local entries = {}
for j = 1, tonumber(ARGV[5]) do entries[j] = ARGV[i]; i = i + 1 end
if #entries > 0 then redis.call('RPUSH', KEYS[2], unpack(entries)) end
local fields = {'v', ARGV[2], 'status', ARGV[3]}
local count = tonumber(ARGV[i]); i = i + 1
for j = 1, count * 2 do fields[#fields + 1] = ARGV[i]; i = i + 1 end
redis.call('HSET', KEYS[1], unpack(fields))
if ARGV[4] ~= '' then redis.call('SADD', KEYS[3], ARGV[4]) end
${indexWritesLua(4)}
return 1
`;
