/**
 * The simulator's own log: what it did with each file, connection drops and
 * reconnects, failed writes. Kept in memory for tests and passed to `onLog`.
 */
import type { SimLogEntry, SimLogEvent } from './types.js';

export class SimLog {
  readonly #entries: SimLogEntry[] = [];
  readonly #listener: ((entry: SimLogEntry) => void) | undefined;

  constructor(listener?: (entry: SimLogEntry) => void) {
    this.#listener = listener;
  }

  record(event: SimLogEvent, fields: { file?: string; detail?: string } = {}): void {
    const entry: SimLogEntry = { at: new Date().toISOString(), event, ...fields };
    this.#entries.push(entry);
    this.#listener?.(entry);
  }

  entries(): SimLogEntry[] {
    return this.#entries.map((entry) => ({ ...entry }));
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
