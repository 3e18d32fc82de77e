/**
 * Demo mode: after an order is accepted, emit ACKNOWLEDGED, ALLOCATED and
 * SHIPPED at the configured delays (each measured from acceptance). A pickup order is
 * not shipped: at the ship delay it is READY_FOR_PICKUP at its store, and nothing more
 * follows until a test or a person says the customer collected it (DELIVERED).
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

  schedule(omsOrderNumber: string, options: { pickup: boolean } = { pickup: false }): void {
    for (const step of this.#steps) {
      const status = options.pickup && step.status === 'SHIPPED' ? 'READY_FOR_PICKUP' : step.status;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#emit(omsOrderNumber, status);
      }, step.afterMs);
      this.#timers.add(timer);
    }
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
