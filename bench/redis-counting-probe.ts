/**
 * `node --import tsx bench/redis-counting-probe.ts`: does anything in INFO tell
 * top-level commands (what clients send) apart from commands run inside Lua scripts?
 * Starts a private Redis, runs one EVAL doing 5 SETs (and, for comparison, a MULTI/EXEC
 * with 2 INCRs), and prints the deltas of `INFO stats` total_commands_processed and of
 * the summed `INFO commandstats` calls around each. On Redis 7.0 both deltas are 6 for
 * the EVAL (1 EVAL + 5 SETs): both count in-script commands, so INFO cannot separate
 * them, and the benchmark reports total commands (scripts' included) and script calls;
 * the top-level/in-script split needs MONITOR (bench/trace-commands.ts).
 */
import type { Redis } from 'ioredis';
import { startRedis } from '../tests/support/redis.js';
import { commandCounts } from './redis-stats.js';

interface Snapshot {
  processed: number;
  calls: number;
  byCommand: Record<string, number>;
}

async function snapshot(redis: Redis): Promise<Snapshot> {
  const stats = await redis.info('stats');
  const processed = Number(/^total_commands_processed:(\d+)/m.exec(stats)?.[1] ?? Number.NaN);
  const counts = await commandCounts(redis);
  return { processed, calls: counts.total, byCommand: counts.byCommand };
}

/** Deltas of one action, less the snapshot's own INFO calls (INFO stats + INFO commandstats = 2 each time). */
async function measure(redis: Redis, label: string, action: () => Promise<unknown>): Promise<void> {
  const before = await snapshot(redis);
  await action();
  const after = await snapshot(redis);
  const changed = Object.entries(after.byCommand)
    .map(([name, calls]) => [name, calls - (before.byCommand[name] ?? 0)] as const)
    .filter(([name, delta]) => delta > 0 && name !== 'info');
  console.log(`${label}\n  total_commands_processed delta: ${after.processed - before.processed - 2}` +
    `\n  commandstats calls delta:        ${after.calls - before.calls - 2}` +
    `\n  per command: ${changed.map(([name, delta]) => `${name}=${delta}`).join(', ')}`);
}

const server = await startRedis({ appendfsync: 'everysec' });
try {
  const redis = server.client();
  await measure(redis, 'EVAL doing 5 SETs (1 top-level command)', () =>
    redis.eval("for i = 1, 5 do redis.call('SET', 'probe:' .. i, i) end return 1", 0));
  await measure(redis, 'MULTI, 2 × INCR, EXEC (4 top-level commands)', () =>
    redis.multi().incr('probe:a').incr('probe:b').exec());
  console.log('\nBoth counters include the commands run inside the script: INFO has no top-level-only count.');
} finally {
  await server.stop();
}
