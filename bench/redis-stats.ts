/**
 * Redis commands executed: the sum of `calls` over `INFO commandstats`, read before
 * and after a phase, so the delta divided by the orders gives commands per order.
 */
import type { Redis } from 'ioredis';

export interface CommandCounts {
  total: number;
  byCommand: Record<string, number>;
}

export async function commandCounts(redis: Redis): Promise<CommandCounts> {
  const info = await redis.info('commandstats');
  const byCommand: Record<string, number> = {};
  let total = 0;
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    const calls = Number(match[2]);
    byCommand[match[1]!] = calls;
    total += calls;
  }
  return { total, byCommand };
}

/** after − before, per command and in total (commands of the INFO calls themselves included, negligible). */
export function commandDelta(before: CommandCounts, after: CommandCounts): CommandCounts {
  const byCommand: Record<string, number> = {};
  for (const [name, calls] of Object.entries(after.byCommand)) {
    const delta = calls - (before.byCommand[name] ?? 0);
    if (delta > 0) byCommand[name] = delta;
  }
  return { total: after.total - before.total, byCommand };
}
