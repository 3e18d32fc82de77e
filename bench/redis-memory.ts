/**
 * Redis memory: `used_memory` read once it has settled (after `MEMORY PURGE`, two
 * readings 250 ms apart within 0.2 %), and what a target keeps, by key class: every key
 * under the target's prefix (SCAN), grouped by its shape with ids replaced by
 * placeholders, summing `MEMORY USAGE key SAMPLES 0` (exact, nested values included).
 */
import type { Redis } from 'ioredis';

export interface KeyClass {
  /** Key shape, e.g. `<prefix>:order:<ulid>`. */
  pattern: string;
  keys: number;
  bytes: number;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN);
}

/** used_memory in bytes once it stops moving (at most ~3 s of waiting). */
export async function settledUsedMemory(redis: Redis): Promise<number> {
  await redis.call('MEMORY', 'PURGE');
  let last = await usedMemory(redis);
  for (let attempt = 0; attempt < 12; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await usedMemory(redis);
    if (Math.abs(now - last) <= last * 0.002) return now;
    last = now;
  }
  return last;
}

/** A key's shape: the prefix and ids replaced (ULIDs, UUIDs, hex digests, numbers, confirmation codes). */
export function patternOf(key: string, prefix: string): string {
  return key
    .replace(`${prefix}:`, '<prefix>:')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '<ulid>')
    .replace(/[0-9a-f]{16,}/g, '<hash>')
    .replace(/idx:conf:.*/, 'idx:conf:<code>')
    .replace(/\d+/g, '<n>');
}

/** Every key under `prefix:`, grouped by pattern, largest first. */
export async function keyClasses(redis: Redis, prefix: string): Promise<KeyClass[]> {
  const groups = new Map<string, KeyClass>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    const sizes = (await pipeline.exec()) ?? [];
    keys.forEach((key, index) => {
      const size = Number(sizes[index]?.[1] ?? 0);
      const pattern = patternOf(key, prefix);
      const group = groups.get(pattern) ?? { pattern, keys: 0, bytes: 0 };
      group.keys++;
      group.bytes += size;
      groups.set(pattern, group);
    });
  } while (cursor !== '0');
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}
