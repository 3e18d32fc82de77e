/**
 * The Lua fragment shared by the capture and compare-and-set scripts that applies an
 * order change's index writes: for each key from KEYS[first] on, three ARGV values
 * starting at `i` — op ('set' | 'zadd' | 'hset' | 'expire' | 'persist' | 'trim' | 'zrem') and its operands:
 * `set` value and an optional expiry in seconds; `hset` a JSON array of field, value, … and
 * an optional expiry.
 */
export function indexWritesLua(firstKey: number): string {
  return `
for k = ${firstKey}, #KEYS do
  local op = ARGV[i]
  if op == 'set' then
    if ARGV[i + 2] == '' then redis.call('SET', KEYS[k], ARGV[i + 1]) else redis.call('SET', KEYS[k], ARGV[i + 1], 'EX', ARGV[i + 2]) end
  elseif op == 'zadd' then redis.call('ZADD', KEYS[k], ARGV[i + 1], ARGV[i + 2])
  elseif op == 'hset' then
    redis.call('HSET', KEYS[k], unpack(cjson.decode(ARGV[i + 1])))
    if ARGV[i + 2] ~= '' then redis.call('EXPIRE', KEYS[k], ARGV[i + 2]) end
  elseif op == 'expire' then redis.call('EXPIRE', KEYS[k], ARGV[i + 1])
  elseif op == 'persist' then redis.call('PERSIST', KEYS[k])
  elseif op == 'trim' then redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', ARGV[i + 1])
  elseif op == 'zrem' then redis.call('ZREM', KEYS[k], ARGV[i + 1])
  end
  i = i + 3
end`;
}
