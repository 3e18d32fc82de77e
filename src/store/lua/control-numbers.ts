/**
 * Allocates a control number for a document, once: the document's key keeps the number
 * it got (for the retention), a new key takes the series' next number, and the series
 * wraps from its maximum back to 1. One script, so two workers sending the same document
 * at once get the same number.
 *
 * KEYS[1] series counter, KEYS[2] the document's number
 * ARGV[1] max, ARGV[2] keep seconds
 */
export const CONTROL_NUMBER_LUA = `
local existing = redis.call('GET', KEYS[2])
if existing then return tonumber(existing) end
local n = redis.call('INCR', KEYS[1])
if n > tonumber(ARGV[1]) then
  n = 1
  redis.call('SET', KEYS[1], 1)
end
redis.call('SET', KEYS[2], n, 'EX', ARGV[2])
return n
`;
