/**
 * What a test harness spawned, so that nothing outlives the Node process: its child processes
 * and temp dirs, killed and removed by a process 'exit' hook. Each harness has its own registry,
 * kept on globalThis under Symbol.for(name) so that several copies of the harness module (vitest
 * isolates modules per test file) share one registry and one hook.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

export interface SpawnRegistry {
  /** Children that may still be running. */
  readonly children: Set<ChildProcess>;
  /** Temp dirs not yet removed. */
  readonly dirs: Set<string>;
  /** Holds `child` until it exits, and unref()s it: the exit hook, not the event loop, guarantees cleanup. */
  track(child: ChildProcess): void;
}

/**
 * The registry named `name`, created with its exit hook on first use. `kill` is what the hook
 * does to each child still held (synchronously: an exit hook cannot wait); the first module
 * copy to ask for a name decides it.
 */
export function spawnRegistry(name: string, kill: (child: ChildProcess) => void): SpawnRegistry {
  const key = Symbol.for(name);
  const holder = globalThis as typeof globalThis & { [key: symbol]: SpawnRegistry | undefined };
  const existing = holder[key];
  if (existing !== undefined) return existing;
  const children = new Set<ChildProcess>();
  const created: SpawnRegistry = {
    children,
    dirs: new Set(),
    track(child) {
      child.once('exit', () => children.delete(child));
      child.unref();
      if (child.pid !== undefined) children.add(child);
    },
  };
  holder[key] = created;
  process.on('exit', () => {
    for (const child of created.children) {
      try {
        kill(child);
      } catch {
        // already gone
      }
    }
    for (const dir of created.dirs) {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // best effort
      }
    }
  });
  return created;
}
