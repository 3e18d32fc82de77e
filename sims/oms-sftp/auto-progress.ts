/**
 * Demo mode: after an order file is acknowledged, emit ALLOCATED and then SHIPPED
 * for all its accepted orders, each step as ONE status file, at the configured
 * delays (each measured from the acknowledgement).
 */
import { messageOf, type SimLog } from './sim-log.js';
import type { OmsSftpSimOptions, SftpStatus } from './types.js';

type EmitAll = (omsOrderNumbers: string[], status: SftpStatus) => Promise<unknown>;

export class AutoProgress {
  readonly #steps: Array<{ status: SftpStatus; afterMs: number }>;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #emit: EmitAll;
  readonly #log: SimLog;

  constructor(config: NonNullable<OmsSftpSimOptions['autoProgress']>, emit: EmitAll, log: SimLog) {
    const candidates: Array<{ status: SftpStatus; afterMs: number | undefined }> = [
      { status: 'ALLOCATED', afterMs: config.allocateAfterMs },
      { status: 'SHIPPED', afterMs: config.shipAfterMs },
    ];
    this.#steps = candidates.flatMap(({ status, afterMs }) => (afterMs === undefined ? [] : [{ status, afterMs }]));
    this.#emit = emit;
    this.#log = log;
  }

  schedule(file: string, omsOrderNumbers: string[]): void {
    if (omsOrderNumbers.length === 0) return;
    for (const step of this.#steps) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#emit(omsOrderNumbers, step.status).catch((error: unknown) => {
          this.#log.record('autoProgressFailed', { file, detail: `${step.status}: ${messageOf(error)}` });
        });
      }, step.afterMs);
      this.#timers.add(timer);
    }
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
