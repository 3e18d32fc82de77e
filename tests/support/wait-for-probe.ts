/** Waiting for a spawned server process to answer its health probe, or to die trying. */
import type { ChildProcess } from 'node:child_process';
import { hasExited } from './child-exit.js';

/** Resolves once `url` answers 200; rejects when the process exits first or after `timeoutMs`. */
export async function waitForProbe(url: string, child: ChildProcess, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`${url}: the process exited during start; see ${logFile}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms; see ${logFile}`);
}
