/**
 * Circuit breaker state of a target, shared by every worker process.
 * One hash per target: state (closed | open), consecutive failures, the time the
 * breaker may let a trial through, how many times in a row it opened, last error,
 * last success and failure times.
 */

/**
 * Records the outcome of one attempt.
 * KEYS: 1 breaker hash. ARGV: 1 'success' | 'failure', 2 now (ms), 3 failure threshold,
 * 4 base cool-down ms, 5 max cool-down ms, 6 error text.
 * Returns the state after the update: 'closed' or 'open'.
 */
export const BREAKER_RECORD_LUA = `
local key = KEYS[1]
local now = tonumber(ARGV[2])
if ARGV[1] == 'success' then
  redis.call('HSET', key, 'state', 'closed', 'failures', 0, 'opens', 0, 'lastSuccessAt', now)
  return 'closed'
end
local failures = redis.call('HINCRBY', key, 'failures', 1)
redis.call('HSET', key, 'lastFailureAt', now, 'lastError', ARGV[6])
local state = redis.call('HGET', key, 'state') or 'closed'
local halfOpen = state == 'open'
if failures >= tonumber(ARGV[3]) or halfOpen then
  local opens = redis.call('HINCRBY', key, 'opens', 1)
  local cooldown = math.min(tonumber(ARGV[4]) * 2 ^ (opens - 1), tonumber(ARGV[5]))
  redis.call('HSET', key, 'state', 'open', 'openUntil', now + cooldown)
  return 'open'
end
return state
`;
