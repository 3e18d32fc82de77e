/**
 * Demo mode: after an order is accepted, emit ACKNOWLEDGED, ALLOCATED and
 * SHIPPED at the configured delays (each measured from acceptance).
 */
import type { OmsSimOptions, OmsStatus } from './types.js';

type Emit = (omsOrderNumber: string, status: OmsStatus) => void;

export class AutoProgress {
  readonly #steps: Array<{ status: OmsStatus; afterMs: number }>;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #emit: Emit;

  constructor(config: NonNullable<OmsSimOptions['autoProgress']>, emit: Emit) {
    const candidates: Array<{ status: OmsStatus; afterMs: number | undefined }> = [
      { status: 'ACKNOWLEDGED', afterMs: config.acknowledgeAfterMs },
      { status: 'ALLOCATED', afterMs: config.allocateAfterMs },
      { status: 'SHIPPED', afterMs: config.shipAfterMs },
    ];
    this.#steps = candidates.flatMap(({ status, afterMs }) => (afterMs === undefined ? [] : [{ status, afterMs }]));
    this.#emit = emit;
  }

  schedule(omsOrderNumber: string): void {
    for (const step of this.#steps) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#emit(omsOrderNumber, step.status);
      }, step.afterMs);
      this.#timers.add(timer);
    }
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
