/**
 * Redis commands executed: the `calls` of `INFO commandstats`, read before and after a
 * phase, so the delta divided by the orders gives commands per order. These counts
 * include the commands run inside Lua scripts (and so does `total_commands_processed`
 * of `INFO stats`: bench/redis-counting-probe.ts shows it), so the total is "all
 * commands executed", not round trips; script calls (EVAL, EVALSHA, FCALL and their
 * read-only forms) are counted apart.
 */
import type { Redis } from 'ioredis';

export interface CommandCounts {
  total: number;
  byCommand: Record<string, number>;
}

/** Commands that run a Lua script or function. */
const SCRIPT_COMMANDS = ['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro'];

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

/** Calls of Lua scripts and functions among `counts`. */
export function scriptCalls(counts: CommandCounts): number {
  return SCRIPT_COMMANDS.reduce((sum, name) => sum + (counts.byCommand[name] ?? 0), 0);
}
