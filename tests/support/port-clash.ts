/**
 * Launching a server on a port picked a moment before: another process may take the port first.
 * A launch that finds its port taken throws PortInUseError, and is tried again on a new port.
 */

/** The port a launch was given is taken (by another process, or another copy of the server). */
export class PortInUseError extends Error {}

/**
 * Runs `launch` (which picks a port and starts the server on it) up to `attempts` times while it
 * throws PortInUseError; any other error is thrown at once. After the last clash, throws that
 * clash (or `Error(giveUpMessage)`).
 */
export async function retryOnPortClash(attempts: number, giveUpMessage: string, launch: () => Promise<void>): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      await launch();
      return;
    } catch (error) {
      if (!(error instanceof PortInUseError)) throw error;
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(giveUpMessage);
}
