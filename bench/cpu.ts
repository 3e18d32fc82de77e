/**
 * CPU time of a process from /proc/<pid>/stat: user + system time (fields 14 and 15,
 * in clock ticks, all threads included), in seconds; and a meter that reads it for the
 * target's processes and Redis before and after a phase.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of `pid` in seconds; NaN when the process is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces, so count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

export interface CpuUse {
  /** CPU seconds of the target's processes. */
  target: number;
  /** CPU seconds of redis-server. */
  redis: number;
}

/** Starts counting; the returned function gives the CPU used since, by the target's processes (as they are then) and Redis. */
export function cpuMeter(targetPids: () => number[], redisPid: number): () => CpuUse {
  const pids = targetPids();
  const before = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  const redisBefore = cpuSeconds(redisPid);
  return () => {
    let target = 0;
    for (const pid of targetPids()) target += cpuSeconds(pid) - (before.get(pid) ?? 0);
    return { target, redis: cpuSeconds(redisPid) - redisBefore };
  };
}
