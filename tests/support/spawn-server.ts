/**
 * Spawning a throw-away server for a test: it dies with this process where setpriv allows
 * (parent-death.ts), its stderr is appended to a file rather than a pipe so the child holds no
 * handle in this process, and it is held in its harness's spawn registry until it exits. A spawn
 * error (ENOENT: the binary is missing) is kept for the start loop to throw.
 */
import { diesWithParent } from './parent-death.js';
import type { SpawnRegistry } from './spawn-registry.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export interface SpawnedServer {
  /** setpriv execs the binary in place, so child.pid is the server's pid either way. */
  readonly child: ChildProcess;
  /**
   * Throws if the spawn failed: `missingMessage` when the binary was not found, else the spawn
   * error; the child is then dropped from the registry.
   */
  throwIfSpawnFailed(missingMessage: string): void;
}

/** Spawns `binary args…` with stdin and stdout ignored and stderr appended to `stderrFile`. */
export async function spawnServer(binary: string, args: string[], stderrFile: string, registry: SpawnRegistry): Promise<SpawnedServer> {
  const [command, commandArgs] = await diesWithParent(binary, args);
  const stderrFd = openSync(stderrFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', stderrFd] });
  } finally {
    closeSync(stderrFd);
  }
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  registry.track(child);
  return {
    child,
    throwIfSpawnFailed(missingMessage) {
      if (spawnError === undefined) return;
      registry.children.delete(child);
      throw (spawnError as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(missingMessage) : spawnError;
    },
  };
}
