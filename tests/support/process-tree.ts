/**
 * Process trees on Linux, read from /proc: a server's forked processes (sessions, workers) are
 * found by walking parent pids, so they can be signalled with it and waited for after it.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The parent pid of `pid` and whether it is a zombie; undefined once it is gone. */
export function parentPid(pid: number): { ppid: number; zombie: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces or parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), zombie: fields[0] === 'Z' };
  } catch {
    return undefined;
  }
}

/** Every live process below `rootPid` (children, grandchildren...), parents before children. */
export function descendantsOf(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const info = parentPid(Number(name));
    if (info === undefined || info.zombie) continue;
    children.set(info.ppid, [...(children.get(info.ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** process.kill that ignores a process already gone. */
export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** SIGKILLs a process and everything it forked. Synchronous, for exit hooks too. */
export function killTree(pid: number): void {
  for (const child of descendantsOf(pid)) signal(child, 'SIGKILL');
  signal(pid, 'SIGKILL');
}

/** killTree for a spawned child; nothing to do when it never got a pid. */
export function killChildTree(child: ChildProcess): void {
  if (child.pid !== undefined) killTree(child.pid);
}

/** Running or stopped, not gone and not a zombie. */
export function isAlive(pid: number): boolean {
  const info = parentPid(pid);
  return info !== undefined && !info.zombie;
}

/** True once none of `pids` is alive; false when some still are after `timeoutMs`. */
export async function waitUntilGone(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
