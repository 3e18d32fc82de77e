/**
 * The simulator's own log: documents received, 997s sent or not, files dropped, failed
 * polls. Kept in memory for tests and handed to `onLog` as each entry is written.
 */
import type { X12PartnerLogEntry } from './types.js';

export class PartnerLog {
  readonly #entries: X12PartnerLogEntry[] = [];
  readonly #listener: ((entry: X12PartnerLogEntry) => void) | undefined;

  constructor(listener?: (entry: X12PartnerLogEntry) => void) {
    this.#listener = listener;
  }

  record(event: X12PartnerLogEntry['event'], detail: string): void {
    const entry: X12PartnerLogEntry = { at: new Date().toISOString(), event, detail };
    this.#entries.push(entry);
    this.#listener?.(entry);
  }

  entries(): X12PartnerLogEntry[] {
    return this.#entries.map((entry) => ({ ...entry }));
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
