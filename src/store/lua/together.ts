/**
 * "Bought together" counts in Redis, recorded atomically and once per order.
 *
 * TOGETHER_RECORD — one order's distinct SKUs. KEYS: 1 the order hash, 2 the per-SKU
 * order-count hash, 3.. one sorted set per SKU (member: another SKU, score: orders that had
 * both). ARGV: the SKUs, in the order of KEYS 3.. (distinct: the caller deduplicates).
 * Counts only an order the hub holds (a duplicate capture created none) and only once (the
 * mark: field `together` of the order hash, which lives and expires with the order): each
 * SKU's order count +1 and, for each unordered pair, +1 on both sides. Returns 1 when
 * counted, 0 otherwise.
 */
export const TOGETHER_RECORD_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HSETNX', KEYS[1], 'together', '1') == 0 then return 0 end
for i = 3, #KEYS do
  redis.call('HINCRBY', KEYS[2], ARGV[i - 2], 1)
  for j = 3, #KEYS do
    if j ~= i then redis.call('ZINCRBY', KEYS[i], 1, ARGV[j - 2]) end
  end
end
return 1
`;
